"""Split an owner cell ("Liz Murphy DSCB Chair and Tony Oakman, Strategic Director") into owners.

An owner cell names people, roles and bodies in whatever way the author typed them: with or
without separators, "Name Role" pairs run together, a body and a role in one phrase. This
module turns one cell into a list of :class:`planparse.models.Owner`, each a person
(``name``), a job (``role``), a body (``organisation``) or a combination.

How a cell is read (the conventions the test set ``fixtures/owners/owners.jsonl`` follows):

- ``name`` is the person as printed with any title, rank or initials ("Dr Helen Marsh",
  "Mr T Okafor", "DCI Holmes", "Sister Jo Farrant", "Insp. Kate Rowan"); "Sue , Vincent"
  (a stray comma) is read as "Sue Vincent".
- ``role`` is the job title as printed, with its qualifiers ("Interim", "Independent"),
  a one-word board prefix ("DSCB Chair", "LSCB Business Manager"), an "of"/"for" complement
  ("Head of Safeguarding and Review"), a dash or comma topic ("Training Officer - Workforce
  Development") and a bracketed qualifier ("Head of Service (DV)"). A title in brackets
  after a person is that person's role ("Mrs L Pearce (Librarian)"). A kind of body inside
  a title stays in it ("District Council Housing Leads"). When a title is printed as a label
  before a person who has their own title ("Sub-group Chair – Helen Moyo, Head of Adult
  Safeguarding, Eastshire County Council") the person's own title wins.
- ``organisation`` is a body printed as its own element: alone ("Police"), a multi-word
  institution name before a title ("Dudley MBC Chief Executive"), a body abbreviation right
  after a title ("Development Officer CVS"), or a body after a dash, comma or bracket that
  follows a person or title ("Named Nurse (Walsall Healthcare NHS Trust)"). Words that look
  like a name but end in a body's head are the body ("Thornbury Carers Centre"); a unit in
  brackets after a body is part of it ("Eastshire County Council (Adult Social Care)").
- Owners are separated by lines, bullets, ";", "/", "supported by", "in partnership with",
  commas, "with" after a complete owner ("Board Manager with Healthwatch Dudley"), and
  "and" / "&" / "+" when what follows starts a new person, title or body ("Head of
  Safeguarding and Review" stays one title). Names written one after another without
  separators are split at each name ("Merlin Joseph Sally Homes Sue Vincent"). A line break
  separates only when the text on both sides can stand as an owner: a narrow PDF column
  wraps titles and names anywhere ("Head of Adult\nSafeguarding" is one title), see
  ``_line_continues``.

How it is built: a deterministic spaCy pipeline, no statistical model. ``spacy.blank("en")``
with hyphenated words kept whole, an ``entity_ruler`` for fixed multi-word phrases (ranks such
as "Chief Inspector", places, bodies such as "Local Authority"), ``planparse_owner_tagger``
which marks each token from the project's lexicons (first names, title words, body words,
an English word list to tell unknown names from title words) and
``planparse_owner_splitter`` which reads the marks and writes ``doc._.owners``. The
lexicons are text files under ``models/owners_src/``; ``tools/build_owner_model.py`` turns
them into the pipeline directory ``models/owners/`` (``nlp.to_disk``).

Where the pipeline is loaded from (decided here): the directory named by the environment
variable ``PLANPARSE_MODELS`` (its ``owners/`` sub-directory) if set, else the repository's
``models/owners/`` (``Path(__file__).parents[3] / "models"``). If no built directory exists
but ``models/owners_src/`` does, the pipeline is built in memory from the sources (it is pure
rules, building takes a fraction of a second), so a fresh checkout works before the build
script has been run. The pipeline is loaded once, lazily, on the first call; spaCy is
imported only then.
"""

from __future__ import annotations

import html
import importlib
import json
import os
import re
import sys
import types
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from planparse.models import Owner
from planparse.normalise.text import examined

__all__ = ["split_owners", "model_dir", "source_dir", "build_pipeline", "load_pipeline"]

# ``planparse/_models`` links to the repository's ``models/`` and is copied into wheels, so
# an installed planparse finds its pipeline without the repository.
_PACKAGE_MODELS = Path(__file__).parents[1] / "_models"
_REPO_MODELS = _PACKAGE_MODELS if _PACKAGE_MODELS.is_dir() else Path(__file__).resolve().parents[3] / "models"


def model_dir() -> Path:
    """The built pipeline directory: ``$PLANPARSE_MODELS/owners`` or the repo's ``models/owners``."""
    env = os.environ.get("PLANPARSE_MODELS")
    return (Path(env) if env else _REPO_MODELS) / "owners"


def source_dir() -> Path:
    """The lexicon sources the pipeline is built from (``models/owners_src``)."""
    env = os.environ.get("PLANPARSE_MODELS")
    return (Path(env) if env else _REPO_MODELS) / "owners_src"


def split_owners(text: str | None) -> list[Owner]:
    """The owners named in one owner cell, in the order printed (empty for a blank cell)."""
    if text is None:
        return []
    cleaned = _clean(_keep_slash_in_titles(examined(text)))
    if not cleaned or re.sub(r" / ", "/", cleaned).strip(" .").lower() in _lexicon_stop_cells():
        return []
    doc = load_pipeline()(cleaned)
    return [
        Owner(name=_unkept(n), role=_unkept(r), organisation=_unkept(o)) for n, r, o in doc._.owners
    ]


_KEPT_SLASH = "\u2215"  # DIVISION SLASH: a "/" inside one title, not a separator
_SLASH_TITLE = re.compile(
    r"(?:^|(?<=[;,(])|(?<=[;,(] ))([A-Za-z][\w&-]*)/([A-Z][\w&-]*(?: [A-Z][\w&-]*){0,3})(?![\w/])", re.M
)


def _keep_slash_in_titles(text: str) -> str:
    """ "UX/Accessibility Engineer", "Finance/HR Manager": a slash written without spaces
    between the first word of an owner and a title ending in a role head joins two topics of
    one title; it is not a separator ("TJ/JT", "Police/Health", "CO / BIS" and "Head of
    Safeguarding/CSE Co-ordinator", with a head before the slash, are)."""
    if "/" not in text:
        return text
    lexicon = _lexicon()

    def keep(m: re.Match[str]) -> str:
        left, right = m[1], m[2].split()
        last = right[-1].lower()
        if last not in lexicon.role_heads or m[1].lower() in lexicon.role_heads or len(right) < 2:
            return m.group(0)
        if m[1] in lexicon.first_names or m[1] in lexicon.sectors or left.lower() in lexicon.org_heads:
            return m.group(0)
        return f"{m[1]}{_KEPT_SLASH}{m[2]}"

    return _SLASH_TITLE.sub(keep, text)


def _unkept(value: str | None) -> str | None:
    return value.replace(_KEPT_SLASH, "/") if value else value


# --------------------------------------------------------------------------------------
# Text clean-up before tokenising: converter artefacts, HTML, bullets.

_BULLETS = re.compile(r"[•▪●◦·■□➢►\u2023\u2043]")
_BLOCK_TAGS = re.compile(r"(?i)<\s*/?\s*(?:br|p|li|ul|ol|div|tr|td)\b[^>]*>")
_ANY_TAG = re.compile(r"<[^>]+>")
_JOINT_WORKING = re.compile(
    r"(?i)\bsupported\s+by\b|\b(?:assisted\s+by"
    r"|in\s+(?:partnership|conjunction|liaison|collaboration)\s+with"
    r"|working\s+(?:jointly\s+|closely\s+)?with|together\s+with|jointly\s+with)\b"
    r"(?=\s+(?-i:[A-Z]))"
)


def _clean(text: str) -> str:
    t = html.unescape(_ANY_TAG.sub("", _BLOCK_TAGS.sub("\n", text)))
    t = t.replace("\u00a0", " ").replace("\t", " ").replace("\r", "\n")
    t = _BULLETS.sub("\n", t)
    # "McFadden-DSCB": a hyphen joining a surname to an abbreviation is a separator.
    t = re.sub(r"(?<=[a-z])-(?=[A-Z]{2,}\b)", " - ", t)
    t = re.sub(r" *([–—]) *", r" \1 ", t)
    # "Communication s Manager": a word cut before its final s by the converter.
    t = re.sub(r"(?<=[a-z]{4})[ \n]s\b", "s", t)
    # "supported by", "in partnership with": a second owner follows, never part of a name.
    t = _JOINT_WORKING.sub(" ; ", t)
    # Hard separators get spaces so the tokeniser splits "Okafor)/DHT" and "Smith;PC".
    t = re.sub(r"\s*([;|])\s*", r" \1 ", t)
    t = re.sub(r"(?<!\d) *(/) *(?!\d)", r" \1 ", t)
    lines = [ln.strip().strip(";").strip() for ln in t.split("\n")]
    lines = [ln for ln in lines if ln.strip(" .,;-")]
    # A comma or full stop ending a line is kept: the next line may carry on the same owner
    # ("Head of Adult Safeguarding,\nEastshire County Council", "Prof.\nAlan Birch").
    if lines:
        lines[-1] = lines[-1].rstrip(",.").rstrip()
    return "\n".join(ln for ln in lines if ln)


# --------------------------------------------------------------------------------------
# The lexicon: what the tagger knows about words.


@dataclass
class Lexicon:
    """Word lists the tagger marks tokens from (built from ``models/owners_src``)."""

    first_names: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    role_heads: set[str] = field(default_factory=set)
    role_abbrevs: set[str] = field(default_factory=set)
    role_starters: set[str] = field(default_factory=set)
    org_heads: set[str] = field(default_factory=set)
    org_abbrevs: set[str] = field(default_factory=set)
    institution_words: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    stop_cells: set[str] = field(default_factory=set)
    english_words: set[str] = field(default_factory=set)
    phrases: list[tuple[str, str]] = field(default_factory=list)

    _SET_FIELDS = (
        "first_names",
        "titles",
        "role_heads",
        "role_abbrevs",
        "role_starters",
        "org_heads",
        "org_abbrevs",
        "institution_words",
        "places",
        "sectors",
        "stop_cells",
        "english_words",
    )

    @classmethod
    def from_sources(cls, src: Path) -> Lexicon:
        """Read the committed text files (one entry a line, ``#`` comments)."""
        lex = cls()
        for name in cls._SET_FIELDS:
            getattr(lex, name).update(_read_list(src / f"{name}.txt"))
        for line in _read_list(src / "phrases.tsv"):
            phrase, _, label = line.partition("\t")
            lex.phrases.append((phrase.strip(), label.strip() or "KEEP"))
        return lex

    def to_json(self) -> str:
        data: dict[str, Any] = {n: sorted(getattr(self, n)) for n in self._SET_FIELDS}
        data["phrases"] = [list(p) for p in self.phrases]
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Lexicon:
        data = json.loads(text)
        lex = cls()
        for name in cls._SET_FIELDS:
            getattr(lex, name).update(data.get(name, []))
        lex.phrases = [(p, lab) for p, lab in data.get("phrases", [])]
        return lex

    def tags(self, word: str) -> set[str]:
        """Marks for one token from the word lists alone (context is the splitter's job)."""
        tags: set[str] = set()
        low = word.lower()
        bare = re.sub(r"['’]s$", "", word)
        if word in ("\n",) or word.isspace():
            return {"SPACE"}
        if word == ",":
            return {"COMMA"}
        if low in ("and", "&", "+"):
            return {"CONJ"}
        if word in (";", "/", "|", "\\"):
            return {"HARD"}
        if word in ("-", "–", "—", "--"):
            return {"DASH"}
        if word in ("(", "["):
            return {"LPAREN"}
        if word in (")", "]"):
            return {"RPAREN"}
        if word == ":":
            return {"COLON"}
        if not any(c.isalnum() for c in word):
            return {"PUNCT"}
        if low in ("of", "for", "to", "in", "with", "the", "at", "on", "within"):
            tags.add("PREP")
        if low in (
            "mc",
            "mac",
            "de",
            "da",
            "van",
            "von",
            "le",
            "la",
            "di",
            "du",
            "o'",
            "bin",
            "al",
            "el",
            "st",
        ):
            tags.add("PARTICLE")
        if word[0].isupper():
            tags.add("CAP")
        letters = [c for c in word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            tags.add("ACRONYM")
        if re.fullmatch(r"[A-Z]\.?", word):
            tags.add("INITIAL")
        if _INITIALS_RE.fullmatch(word) and word not in self.org_abbrevs and word not in self.role_abbrevs:
            tags.add("INITIALS")
        if word in self.first_names or word.split("-")[0] in self.first_names:
            tags.add("GIVEN")
        if word in self.titles or word.rstrip(".") in self.titles:
            tags.add("TITLE")
        if low in self.role_heads or low.rstrip(".") in self.role_heads:
            tags.add("ROLE_HEAD")
        if word in self.role_abbrevs:
            tags.add("ROLE_ABBR")
        if low in self.role_starters:
            tags.add("ROLE_START")
        if low in self.org_heads or bare.lower() in self.org_heads:
            tags.add("ORG_HEAD")
        if word in self.org_abbrevs:
            tags.add("ORG_ABBR")
        if low in self.institution_words:
            tags.add("INST")
        if word in self.places:
            tags.add("PLACE")
        if bare in self.sectors:
            tags.add("SECTOR")
        if low in self.english_words or bare.lower() in self.english_words:
            tags.add("DICT")
        if "-" in low and all(part in self.english_words for part in low.split("-") if part):
            tags.add("DICT")
        return tags


_INITIALS_RE = re.compile(r"[A-Z]{2}[a-z]?|(?:[A-Z]\.){2,3}")
"""A person's initials standing for them ("TJ", "JTe", "J.B."): two capitals, not a known
body or role abbreviation ("CO", "LA", "GP" are in the lexicons). Three capitals are read as a
body, as before: "ERG", "COI", "TNA" far outnumber three-letter initials in plans."""

_NAME_WORD_RE = re.compile(r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:['’][a-z]+)?(?:-[A-Z][a-z]+)?")


def _read_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.rstrip("\n").strip(" "))
    return out


# --------------------------------------------------------------------------------------
# The splitter: from tagged tokens to owners. Pure Python over a light token view so the
# rules can be read (and debugged) without spaCy objects.


@dataclass
class Tok:
    """One token as the splitter sees it."""

    text: str
    idx: int
    tags: frozenset[str]
    space_before: bool = False

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass
class Item:
    """A stretch of one group: a NAME, or a PHRASE later read as ROLE / ORG / FRAG."""

    kind: str
    start: int  # token positions in the group, end exclusive
    end: int
    sep: str = "START"  # what came before: START, NONE, COMMA, AND, DASH, PAREN, COLON
    in_paren: bool = False
    paren_end: int | None = None  # position of the closing bracket for the paren's last item
    role: tuple[int, int] | None = None
    org: tuple[int, int] | None = None
    text: str | None = None  # printed text replaced, for "Sue , Vincent"


@dataclass
class _Owner:
    name: str | None = None
    role: str | None = None
    org: str | None = None
    # The role was printed as a label before the name ("Sub-group Chair – Helen Moyo"):
    # the person's own title printed after the name replaces it.
    labelled: bool = False


_HEADISH = {"ROLE_HEAD", "ORG_HEAD", "ROLE_ABBR", "ORG_ABBR", "ACRONYM", "SECTOR"}


def _has(tok: Tok, *tags: str) -> bool:
    return any(t in tok.tags for t in tags)


def _is_surname(tok: Tok) -> bool:
    """Could this token be (the first word of) a surname?"""
    if "CAP" not in tok.tags or not any(c.islower() for c in tok.text):
        return False
    if not re.fullmatch(r"[^\W\d_][\w'’\-]*", tok.text):
        return False
    blockers = (
        "ROLE_HEAD",
        "ORG_HEAD",
        "ROLE_START",
        "ROLE_ABBR",
        "ORG_ABBR",
        "PREP",
        "SECTOR",
        "PH_ORG",
        "PH_ROLE",
        "PH_KEEP",
        "PLACE",
        "INST",
        "TITLE",
    )
    return not _has(tok, *blockers)


def _is_unknown_word(tok: Tok) -> bool:
    """A capitalised word that is in no word list: probably a name."""
    if "CAP" not in tok.tags or "DICT" in tok.tags or "ACRONYM" in tok.tags:
        return False
    lexical = (
        "GIVEN",
        "TITLE",
        "ROLE_HEAD",
        "ROLE_ABBR",
        "ROLE_START",
        "ORG_HEAD",
        "ORG_ABBR",
        "INST",
        "PLACE",
        "SECTOR",
        "PREP",
        "PH_ORG",
        "PH_ROLE",
        "PH_KEEP",
    )
    return not _has(tok, *lexical) and bool(re.fullmatch(r"[^\W\d_][\w'’\-]*", tok.text))


class _GroupParser:
    """Reads one group (the tokens between hard separators) into items, then owners."""

    def __init__(self, toks: Sequence[Tok], text: str) -> None:
        self.toks = list(toks)
        self.text = text
        self.items: list[Item] = []

    # -- names --------------------------------------------------------------------------

    def _boundary_at(self, j: int) -> bool:
        return j >= len(self.toks) or _has(
            self.toks[j], "COMMA", "CONJ", "DASH", "RPAREN", "LPAREN", "HARD", "COLON"
        )

    def match_name(self, i: int, phrase: list[int]) -> int | None:
        """End position of a person's name starting at ``i``, or None."""
        toks = self.toks
        n = len(toks)
        t = toks[i]
        if phrase and "PREP" in toks[phrase[-1]].tags:
            return None
        if "TITLE" in t.tags:
            j = i
            while j < n and "TITLE" in toks[j].tags:
                j += 1
            parts = 0
            while j < n and "INITIAL" in toks[j].tags and "ACRONYM" not in toks[j].tags:
                j += 1
                parts += 1
            words = 0
            while j < n and words < 2 and (_is_surname(toks[j]) or "GIVEN" in toks[j].tags):
                if "ACRONYM" in toks[j].tags:
                    break
                j += 1
                words += 1
            return j if words else None
        if "INITIAL" in t.tags and "ACRONYM" not in t.tags and not phrase:
            j = i
            while j < n and "INITIAL" in toks[j].tags:
                j += 1
            if j < n and _is_surname(toks[j]) and (j - i > 1 or t.text.endswith(".") or j == i + 1):
                return j + 1
            return None
        given = "GIVEN" in t.tags and "ACRONYM" not in t.tags
        unknown = _is_unknown_word(t)
        if not (given or unknown):
            return None
        end: int | None = None
        j = i + 1
        if j < n and "INITIAL" in toks[j].tags and j + 1 < n and _is_surname(toks[j + 1]):
            j += 1
        if j < n and "PARTICLE" in toks[j].tags and j + 1 < n and _is_surname(toks[j + 1]):
            end = j + 2
        elif j < n and _is_surname(toks[j]) and (given or "DICT" not in toks[j].tags):
            end = j + 1
        elif given and "PLACE" not in t.tags and not phrase and self._boundary_at(i + 1):
            end = i + 1
        if end is not None and self._body_word_ends_phrase(end):
            return None
        return end

    def _body_word_ends_phrase(self, j: int) -> bool:
        """ "Thornbury Carers Centre": words that look like a name, then the head of a body
        ending the phrase, are the body's name. A sector after a name is its body ("Jane
        Smith Police") and a head followed by a title is part of it ("Jo Bell Team Manager")."""
        toks = self.toks
        if j >= len(toks) or "ORG_HEAD" not in toks[j].tags:
            return False
        if _has(toks[j], "SECTOR", "ROLE_HEAD", "PH_ROLE"):
            return False
        k = j
        while k < len(toks) and "ORG_HEAD" in toks[k].tags and "SECTOR" not in toks[k].tags:
            k += 1
        return self._boundary_at(k)

    # -- where a title or phrase ends ----------------------------------------------------

    def _has_complete_role(self, phrase: list[int]) -> bool:
        for k in phrase:
            t = self.toks[k]
            if "PH_ORG" in t.tags:
                continue
            if ("ROLE_HEAD" in t.tags and "ROLE_START" not in t.tags) or "ROLE_ABBR" in t.tags:
                return True
        return False

    def starts_new_role(self, i: int, phrase: list[int]) -> bool:
        t = self.toks[i]
        if not phrase or not self._has_complete_role(phrase):
            return False
        prev = self.toks[phrase[-1]]
        if _has(prev, "PREP", "CONJ"):
            return False
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if t.text.lower() == "head" and nxt is not None and nxt.text.lower() == "of":
            return True
        return "ROLE_START" in t.tags and "CAP" in t.tags

    def _in_complement(self, phrase: list[int]) -> bool:
        seen_head = False
        for k in phrase:
            t = self.toks[k]
            if _has(t, "ROLE_HEAD", "ORG_HEAD", "ROLE_ABBR"):
                seen_head = True
            elif "PREP" in t.tags and seen_head:
                return True
        return False

    def conj_splits(self, i: int, phrase: list[int]) -> bool:
        """Is the "and" at ``i`` a separator between owners (not part of a title)?"""
        toks = self.toks
        if _has(toks[i], "PH_ORG", "PH_ROLE", "PH_KEEP"):
            return False
        right: list[int] = []
        j = i + 1
        while j < len(toks) and not _has(
            toks[j], "COMMA", "CONJ", "DASH", "LPAREN", "RPAREN", "HARD", "COLON"
        ):
            right.append(j)
            j += 1
        if not right:
            return False
        if self.match_name(i + 1, []) is not None:
            return True
        if not phrase:
            # Nothing open before it: the "and" follows a bracket or a name ("Head of SEND
            # (LA) and Designated Clinical Officer (CCG)"); no title starts with "and".
            return bool(self.items)
        r0 = toks[right[0]]
        last = toks[phrase[-1]]
        if len(phrase) == 1 and "SECTOR" in last.tags and "INST" not in last.tags:
            # "Education and Inclusion": a sector paired with a plain topic word is one topic.
            plain = ("ROLE_HEAD", "ROLE_START", "ROLE_ABBR", "ORG_ABBR", "ACRONYM", "INST", "PLACE")
            if not any(_has(toks[k], *plain, *_HEADISH, "PH_ORG", "PH_ROLE") for k in right):
                return False
        if self._in_complement(phrase):
            if _has(r0, "ROLE_HEAD", "ROLE_START", "ROLE_ABBR", "ORG_ABBR", "PH_ORG"):
                return True
            if r0.text[0].islower() or r0.text == "All":
                return True
            return len(right) == 1 and _has(r0, "SECTOR", "ORG_HEAD")
        if not (_has(last, *_HEADISH) or "PH_ORG" in last.tags or "PH_ROLE" in last.tags):
            return False
        # "Community Safety and Resilience Manager": two topics sharing one title.
        left_role = any(_has(toks[k], "ROLE_HEAD", "ROLE_ABBR") for k in phrase)
        right_role = any(_has(toks[k], "ROLE_HEAD", "ROLE_ABBR") for k in right)
        right_org = any(_has(toks[k], "ORG_HEAD", "ORG_ABBR", "PH_ORG") for k in right)
        starts_title = _has(r0, "ROLE_HEAD", "ROLE_START", "ROLE_ABBR")
        if not left_role and right_role and not right_org and not starts_title:
            return False
        only_sector = len(phrase) == 1 and "SECTOR" in last.tags
        return not (only_sector and len(right) > 1 and "ORG_HEAD" in toks[right[-1]].tags)

    # -- reading the group into items ---------------------------------------------------

    def read_items(self) -> list[Item]:
        toks = self.toks
        phrase: list[int] = []
        sep = "START"
        in_paren = False
        i = 0

        def close() -> None:
            nonlocal phrase, sep
            if phrase:
                self.items.append(Item("PHRASE", phrase[0], phrase[-1] + 1, sep, in_paren))
                sep = "NONE"
            phrase = []

        while i < len(toks):
            t = toks[i]
            if "COMMA" in t.tags:
                if self._stray_comma(i):
                    last = self.items[-1]
                    last.end = i + 2
                    last.text = f"{toks[last.start].text} {toks[i + 1].text}"
                    i += 2
                    continue
                close()
                sep = "COMMA"
            elif "DASH" in t.tags:
                close()
                sep = "DASH"
            elif "COLON" in t.tags:
                close()
                sep = "COLON"
            elif "LPAREN" in t.tags:
                close()
                sep = "PAREN"
                in_paren = True
            elif "RPAREN" in t.tags:
                close()
                if in_paren and self.items and self.items[-1].in_paren:
                    self.items[-1].paren_end = i
                in_paren = False
                sep = "NONE"
            elif "CONJ" in t.tags:
                if self.conj_splits(i, phrase):
                    close()
                    sep = "AND"
                else:
                    phrase.append(i)
            elif "PUNCT" in t.tags or "HARD" in t.tags:
                pass
            elif self._with_splits(i, phrase):
                close()
                sep = "AND"
            else:
                end = self.match_name(i, phrase)
                if end is not None:
                    close()
                    self.items.append(Item("NAME", i, end, sep, in_paren))
                    sep = "NONE"
                    i = end
                    continue
                if self.starts_new_role(i, phrase):
                    close()
                phrase.append(i)
            i += 1
        close()
        return self.items

    def _with_splits(self, i: int, phrase: list[int]) -> bool:
        """ "Board Manager with Healthwatch Dudley": a "with" after a complete title, body or
        name brings in another owner; inside a name it does not ("Children with
        Disabilities Team") and nor before a lower-case complement ("with responsibility")."""
        toks = self.toks
        if toks[i].text.lower() != "with" or i + 1 >= len(toks) or "CAP" not in toks[i + 1].tags:
            return False
        if not phrase:
            # A "with" opening a part ("Jo Nash, Board Manager, with Age UK") brings in an owner.
            return bool(self.items)
        last = toks[phrase[-1]]
        return _has(last, *_HEADISH, "PH_ORG", "PH_ROLE")

    def _stray_comma(self, i: int) -> bool:
        """ "Sue , Vincent": a comma typed with a space before it, inside one name."""
        toks = self.toks
        if not self.items or i + 1 >= len(toks) or not toks[i].space_before:
            return False
        last = self.items[-1]
        return (
            last.kind == "NAME"
            and last.end == i
            and last.end - last.start == 1
            and "GIVEN" in toks[last.start].tags
            and _is_surname(toks[i + 1])
            and (i + 2 >= len(toks) or self._boundary_at(i + 2))
        )

    # -- classifying phrases ------------------------------------------------------------

    def classify(self, item: Item) -> None:
        toks = self.toks
        span = list(range(item.start, item.end))
        role_pos = [
            k
            for k in span
            if "PH_ORG" not in toks[k].tags and _has(toks[k], "ROLE_HEAD", "ROLE_ABBR", "PH_ROLE")
        ]
        if role_pos:
            item.kind = "ROLE"
            first_role_word = next(
                k
                for k in span
                if "PH_ORG" not in toks[k].tags
                and _has(toks[k], "ROLE_HEAD", "ROLE_ABBR", "ROLE_START", "PH_ROLE")
            )
            start = item.start
            for k in range(first_role_word - 1, item.start, -1):
                if self._named_body(item.start, k + 1):
                    start = k + 1
                    item.org = (item.start, k + 1)
                    break
            end = item.end
            last_role = max(role_pos)
            tail = list(range(last_role + 1, item.end))
            if tail and all(_has(toks[k], "ORG_ABBR") for k in tail) and item.org is None:
                item.org = (tail[0], item.end)
                end = tail[0]
            item.role = (start, end)
            return
        org_like = ("ORG_HEAD", "ORG_ABBR", "ACRONYM", "PH_ORG", "INST", "PLACE")
        is_org = any(_has(toks[k], *org_like) for k in span)
        sectors = [k for k in span if "SECTOR" in toks[k].tags]
        if not is_org and sectors:
            # A sector alone is a body ("Education"); with topic words it is a topic that
            # can qualify a title ("Assistant Director, Education and Inclusion").
            others = [k for k in span if k not in sectors and not _has(toks[k], "CONJ", "PREP")]
            is_org = not others
        initials = len(span) == 1 == len(self.toks) and "INITIALS" in toks[span[0]].tags
        if initials or (not is_org and self._person_alone(span)):
            item.kind = "NAME"
            return
        item.kind = "ORG" if is_org else "FRAG"
        item.org = (item.start, item.end)

    def _person_alone(self, span: list[int]) -> bool:
        """A phrase that names nothing the lexicons know and stands alone is a person:
        initials ("TJ", "OB"), a first name or surname on its own ("Antonio", "Hoki"), or two
        name-shaped words with a first name in them ("Derrick Jordan") or two that no word
        list knows ("Kinge Mbella"). Dictionary words ("Global Witness", "Greenway Homes"),
        camel case ("OpenCorporates") and three words with no first name stay a body."""
        toks = [self.toks[k] for k in span]
        if len(toks) == 1 and len(self.toks) == 1:
            t = toks[0]
            if "INITIALS" in t.tags:
                return True
            return _is_unknown_word(t) and bool(_NAME_WORD_RE.fullmatch(t.text))
        if not 2 <= len(toks) <= 3 or len(toks) != len(self.toks):
            return False
        if not all(_NAME_WORD_RE.fullmatch(t.text) and _is_surname(t) for t in toks):
            return False
        given = any("GIVEN" in t.tags for t in toks)
        # no first name: two words, neither in the dictionary ("Kinge Mbella", not "Greenway Homes")
        unknown = len(toks) == 2 and all(_is_unknown_word(t) for t in toks)
        return given or unknown

    def _named_body(self, start: int, end: int) -> bool:
        """Is toks[start:end] the name of an institution ("Dudley MBC")?"""
        toks = self.toks[start:end]
        if len(toks) < 2 or not _has(toks[-1], "ORG_HEAD", "ORG_ABBR", "INST", "PLACE"):
            return False
        if any(_has(t, "ROLE_HEAD", "ROLE_START", "ROLE_ABBR", "CONJ") for t in toks):
            return False
        if not any(_has(t, "INST", "PLACE") for t in toks):
            return False
        # A named body has a proper name in it ("Dudley MBC", "Eastshire County Council");
        # plain words name a kind of body, which the title keeps ("District Council
        # Housing Leads", "County Council Leader").
        return any("PLACE" in t.tags or "DICT" not in t.tags for t in toks)

    # -- joining items and reading owners -----------------------------------------------

    def _text(self, start: int, end: int) -> str:
        if end <= start:
            return ""
        raw = self.text[self.toks[start].idx : self.toks[end - 1].end]
        return _tidy(raw)

    def merge(self) -> None:
        items = self.items
        # A bracketed qualifier after a title or body is part of it: "Head of Service (DV)";
        # so is a unit in brackets after its body: "Eastshire County Council (Adult Social
        # Care)". A title in brackets is the role of what precedes it ("Mrs L Pearce
        # (Librarian)", decided in ``owners``).
        out: list[Item] = []
        for it in items:
            prev = out[-1] if out else None
            alone = it.sep == "PAREN" and it.paren_end is not None
            if prev is not None and alone and not prev.in_paren:
                qualifier = (
                    it.kind == "FRAG"
                    or (
                        it.end - it.start == 1
                        and _has(self.toks[it.start], "ACRONYM", "ROLE_ABBR")
                        and "ORG_ABBR" not in self.toks[it.start].tags
                    )
                    or (it.kind == "ORG" and prev.kind == "ORG" and prev.role is None)
                )
                org_is_prefix = prev.org is None or (
                    prev.role is not None and prev.org[1] <= prev.role[0]
                )
                if qualifier and prev.kind in ("ROLE", "ORG", "FRAG"):
                    assert it.paren_end is not None
                    if prev.kind == "ROLE" and prev.role is not None and org_is_prefix:
                        prev.role = (prev.role[0], it.paren_end + 1)
                    elif prev.org is not None:
                        prev.org = (prev.org[0], it.paren_end + 1)
                    prev.end = it.paren_end + 1
                    continue
            out.append(it)
        items = out
        # Fragments with no head join their neighbours: "Children, Young People & Families
        # Development Officer", "Service Manager, Children in Care", "Policy, Procedures &
        # Practice Sub-Group".
        changed = True
        while changed:
            changed = False
            for k in range(len(items) - 1):
                if self._merge_pair(items, k):
                    changed = True
                    break
        self.items = items

    def _merge_pair(self, items: list[Item], k: int) -> bool:
        """Join items[k] and items[k + 1] when one is a headless fragment of the other."""
        a, b = items[k], items[k + 1]
        if b.in_paren:
            return False
        if (
            a.kind == "FRAG"
            and b.kind in ("ROLE", "ORG", "FRAG")
            and (b.sep == "COMMA" or (b.sep == "DASH" and b.kind != "ROLE"))
        ):
            b.sep, b.start = a.sep, a.start
            org_is_suffix = b.org is None or (b.role is not None and b.org[0] >= b.role[1])
            if b.kind == "ROLE" and b.role is not None and org_is_suffix:
                b.role = (a.start, b.role[1])
            elif b.kind != "ROLE" and b.org is not None:
                b.org = (a.start, b.org[1])
            del items[k]
            return True
        org_is_prefix = a.org is None or (a.role is not None and a.org[1] <= a.role[0])
        if (
            a.kind == "ROLE"
            and a.role is not None
            and org_is_prefix
            and (
                (b.sep in ("COMMA", "DASH") and b.kind == "FRAG")
                or (b.sep == "DASH" and b.kind == "ORG" and not self._is_body_name(b))
            )
        ):
            a.role = (a.role[0], b.end)
            a.end = b.end
            del items[k + 1]
            return True
        if a.kind in ("ORG", "FRAG") and b.kind in ("ORG", "FRAG") and b.sep == "DASH":
            a.kind, a.org, a.end = "ORG", (a.start, b.end), b.end
            del items[k + 1]
            return True
        return False

    def _is_body_name(self, it: Item) -> bool:
        toks = self.toks[it.start : it.end]
        if all(_has(t, "ORG_ABBR") for t in toks):
            return True
        return any(_has(t, "INST", "PLACE", "ORG_ABBR") for t in toks)

    def owners(self) -> list[_Owner]:
        for it in self.items:
            if it.kind == "PHRASE":
                self.classify(it)
        self.merge()
        owners: list[_Owner] = []
        last_index = len(self.items) - 1
        for n, it in enumerate(self.items):
            prev = owners[-1] if owners else None
            sep = it.sep
            if it.kind == "NAME":
                name = it.text or self._text(it.start, it.end)
                if prev and prev.name is None and prev.role and sep in ("PAREN", "COLON", "DASH"):
                    prev.name = name
                    prev.labelled = sep != "PAREN" and prev.org is None
                else:
                    owners.append(_Owner(name=name))
            elif it.kind == "ROLE":
                assert it.role is not None
                role = self._text(*it.role)
                org = self._text(*it.org) if it.org else None
                joinable = (
                    prev is not None
                    and prev.role is None
                    and (
                        (
                            prev.name is not None
                            and sep in ("NONE", "COMMA", "DASH", "PAREN", "COLON")
                        )
                        or (prev.name is None and prev.org is not None and sep in ("NONE", "DASH"))
                    )
                )
                relabel = prev is not None and prev.labelled and sep == "COMMA"
                if prev is not None and (joinable or relabel):
                    prev.role = role
                    prev.labelled = False
                    if org and not prev.org:
                        prev.org = org
                else:
                    owners.append(_Owner(role=role, org=org))
            else:
                org = self._text(it.start, it.end)
                joinable = (
                    prev is not None
                    and prev.org is None
                    and (prev.name is not None or prev.role is not None)
                    and (
                        sep in ("NONE", "DASH", "PAREN")
                        or (sep == "COMMA" and (prev.role is not None or n == last_index))
                    )
                )
                if prev is not None and joinable:
                    prev.org = org
                else:
                    owners.append(_Owner(org=org))
        return owners


def _tidy(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip(" ,;:-–—.")
    if t.count("(") > t.count(")"):
        t = t.replace("(", "").strip()
    if t.count(")") > t.count("("):
        t = t.replace(")", "").strip()
    return t


def split_tokens(text: str, toks: Sequence[Tok]) -> list[tuple[str | None, str | None, str | None]]:
    """Owners (name, role, organisation) from a cell's tagged tokens: the splitter's core."""
    result: list[tuple[str | None, str | None, str | None]] = []
    if _every_line_a_name(toks):
        for line in _lines(toks):
            result.append((_tidy(text[line[0].idx : line[-1].end]), None, None))
        return result
    for group in _groups(toks):
        parser = _GroupParser(group, text)
        parser.read_items()
        for o in parser.owners():
            name = o.name or None
            role = o.role or None
            org = o.org or None
            if name or role or org:
                result.append((name, role, org))
    return result


_CONTINUES = {"of", "for", "and", "&", "to", "the", "in", "-", "–", "—", ",", "with", "'s", "’s"}
_SEGMENT_ENDS = ("COMMA", "DASH", "COLON", "LPAREN", "RPAREN", "HARD")
_LEXICAL = (
    "ROLE_HEAD",
    "ROLE_ABBR",
    "ORG_HEAD",
    "ORG_ABBR",
    "ACRONYM",
    "SECTOR",
    "INST",
    "PLACE",
    "PH_ORG",
    "PH_ROLE",
    "PH_KEEP",
    "TITLE",
    "GIVEN",
    "INITIAL",
)


def _is_fragment(seg: Sequence[Tok]) -> bool:
    """Plain words with no head, name or body in them ("Adult Safeguarding"): part of an
    owner, never one on its own line."""
    words = [t for t in seg if any(c.isalnum() for c in t.text)]
    if not words:
        return False
    return not any(_has(t, *_LEXICAL) or _is_unknown_word(t) for t in words)


def _is_bare_head(seg: Sequence[Tok]) -> bool:
    """One generic head word ("Services", "Lead", "Council"): the end of a wrapped title or
    body. A sector ("Police") or an abbreviation stands on its own."""
    return (
        len(seg) == 1
        and _has(seg[0], "ROLE_HEAD", "ORG_HEAD", "INST")
        and not _has(seg[0], "SECTOR", "ACRONYM", "ORG_ABBR", "ROLE_ABBR", "PH_ORG")
    )


def _name_walk(seg: Sequence[Tok]) -> list[tuple[int, int]]:
    """The names found reading ``seg`` left to right, as (start, end) positions."""
    parser = _GroupParser(seg, "")
    names: list[tuple[int, int]] = []
    i = 0
    while i < len(seg):
        end = parser.match_name(i, [])
        if end is None:
            i += 1
        else:
            names.append((i, end))
            i = end
    return names


def _line_continues(group: Sequence[Tok], brk: Tok, nxt: Sequence[Tok]) -> bool:
    """Does the line after ``brk`` carry on the owner of the line before it?

    A line break separates owners in a Word cell (one paragraph each) but a narrow PDF
    column also wraps a title or name anywhere ("Head of Adult\nSafeguarding"). A break is
    a separator only when the text on both sides of it can stand as owners, so it continues
    after a joining word, a colon, a qualifier, a title, a particle or a first name left
    alone; before a lower-case word, a bracket or a joining word; inside a fixed phrase; and
    when the words on either side of it are a fragment (no head, name or body) or a lone
    head word. A name alone and a title alone are each an owner ("Liz Murphy\nIndependent
    Chair").
    """
    words = [t for t in group if "PUNCT" not in t.tags or t.text != "."]
    if not words or not nxt:
        return False
    prev, first = words[-1], nxt[0]
    if _has(brk, "PH_ORG", "PH_ROLE", "PH_KEEP", "TITLE", "PLACE"):
        return True
    joining = ("PREP", "CONJ", "DASH", "COMMA", "LPAREN", "COLON")
    if prev.text.lower() in _CONTINUES or _has(prev, *joining):
        return True
    if "PARTICLE" in prev.tags and "CAP" in first.tags:
        return True
    if "ROLE_START" in prev.tags and "ROLE_HEAD" not in prev.tags:
        return True
    if first.text[:1].islower() or _has(first, "PREP", "CONJ", "DASH", "RPAREN", "LPAREN"):
        return True
    cut = max((k for k, t in enumerate(words) if _has(t, *_SEGMENT_ENDS)), default=-1)
    tail = words[cut + 1 :]
    # A bracket still open at the end of the line: "Kim Sharratt (CSE\nCo-ordinator)".
    depth = 0
    for t in words:
        depth += 1 if "LPAREN" in t.tags else -1 if "RPAREN" in t.tags else 0
    if depth > 0:
        return True
    names = _name_walk(tail)
    name_end = names[-1][1] if names else 0
    rest = tail[name_end:]
    conj_end = max((k + 1 for k, t in enumerate(tail) if "CONJ" in t.tags), default=0)
    last_part = tail[max(name_end, conj_end) :]
    # A first name, title or initial left at the end of the line: "Sister Jo\nFarrant",
    # "Dr Sam\nWhitfield", "Merlin\nJoseph", "Ash Chand Kim\nSharratt", "Prof.\nAlan".
    if _is_surname(first) or _has(first, "GIVEN", "INITIAL"):
        short_name = bool(names) and not rest and names[-1][1] - names[-1][0] <= 2
        if short_name and "GIVEN" in prev.tags and "ACRONYM" not in first.tags:
            return True
        lone = len(last_part) == 1 and (_is_unknown_word(prev) or _has(prev, "GIVEN", "TITLE"))
        if lone or ("INITIAL" in prev.tags and "ACRONYM" not in prev.tags):
            return "ACRONYM" not in first.tags
    # "Deputy\nHeadteacher", "Principal\nSocial Worker": a qualifier alone, then a title.
    if (
        rest == [prev]
        and "ROLE_START" in prev.tags
        and (
            _has(first, "ROLE_HEAD", "ROLE_START")
            or (_is_fragment([first]) and "CAP" in first.tags)
        )
    ):
        return True
    # The next line starts with words that cannot stand alone ("Safeguarding, Eastshire
    # County Council"). A fragment before a dash is a topic of what follows it ("Safeguarding
    # & Review - Directorate of Children's Services") and one that opens a comma list ending
    # in a head is part of that list ("Policy, Procedures & Practice Sub-Group"): both stand.
    head: list[Tok] = []
    for t in nxt:
        if _has(t, "COMMA", "COLON", "LPAREN", "RPAREN", "HARD"):
            break
        head.append(t)
    if _is_fragment(head):
        after = nxt[len(head) :]
        if not after or "COMMA" not in after[0].tags:
            return True
        listed: list[Tok] = []
        for t in after[1:]:
            if _has(t, "COMMA", "COLON", "LPAREN", "RPAREN", "HARD", "DASH"):
                break
            listed.append(t)
        if not listed or _names_a_body(listed) or _name_walk(listed)[:1] == [(0, len(listed))]:
            return True
    # One generic head word on its own line ends a wrapped title or body ("Resuscitation\n
    # Lead", "Mental Health NHS\nTrust", "Police\nInspector"), but not after a name or a
    # head ("Jane Smith\nDirector", "Health and Wellbeing Board\nHeadteacher").
    if len(nxt) == 1 and _is_bare_head(nxt) and rest:
        heads = ("ROLE_HEAD", "ROLE_ABBR", "ORG_HEAD", "INST", "PH_ORG", "PH_ROLE")
        headed = any(_has(t, *heads) and "ROLE_START" not in t.tags for t in rest)
        # A body's head word alone names no body ("Head of Legal\nServices").
        org_word = "ORG_HEAD" in first.tags and "ROLE_HEAD" not in first.tags
        if org_word or (not headed and not _has(prev, "ORG_ABBR", "SECTOR", "ACRONYM")):
            return True
        # "NHS\nTrust", "CCG\nManager": a body's abbreviation, then a singular head.
        if not headed and not first.text.endswith("s"):
            return True
    next_names = _name_walk(head)
    next_starts_name = bool(next_names) and next_names[0][0] == 0
    # The line ends in words that cannot stand alone ("Neighbourhood Policing\nInspector",
    # "Jo Farrant, Resuscitation\nLead", "Interim DSCB\nBusiness Manager"), unless they
    # are the complement of a title or body before them ("Head of Children, Young People and
    # Families", "Service Manager - Quality Assurance").
    before_tail = words[:cut] if cut > 0 else []
    opens = cut < 0 or _has(words[cut], "LPAREN", "COLON")
    if not opens and before_tail:
        cut2 = max((k for k, t in enumerate(before_tail) if _has(t, *_SEGMENT_ENDS)), default=-1)
        seg = before_tail[cut2 + 1 :]
        seg_names = _name_walk(seg)
        opens = bool(seg_names) and seg_names[-1][1] == len(seg)
    if rest and opens and not next_starts_name and (_is_fragment(rest) or _is_headless(rest)):
        return True
    # "Eastshire\nCounty Council", "Black Country\nPartnership NHS Foundation Trust": a
    # place or proper name cut from the body it names.
    proper = bool(rest) and all(
        "PLACE" in t.tags or (_is_unknown_word(t) and "GIVEN" not in t.tags) for t in rest
    )
    body = ("ORG_HEAD", "INST", "ORG_ABBR", "PH_ORG")
    return proper and not next_starts_name and any(_has(t, *body) for t in head)


def _names_a_body(seg: Sequence[Tok]) -> bool:
    """Is ``seg`` a named body ("Eastshire County Council", "Dudley MBC", "Police")?"""
    if len(seg) == 1 and _has(seg[0], "SECTOR", "ORG_ABBR"):
        return True
    return any("PLACE" in t.tags or ("INST" in t.tags and "DICT" not in t.tags) for t in seg) or (
        any(_has(t, "INST", "ORG_ABBR") for t in seg)
        and any("PLACE" in t.tags or _is_unknown_word(t) for t in seg)
    )


def _is_headless(seg: Sequence[Tok]) -> bool:
    """Qualifiers with no head ("Interim DSCB", "LSCB Business", "Principal Social"): the
    start of a title."""
    heads = ("ROLE_HEAD", "ORG_HEAD", "INST", "SECTOR", "PH_ORG", "PH_ROLE", "PLACE")
    if any(_has(t, *heads) and "ROLE_START" not in t.tags for t in seg):
        return False
    qualifiers = ("ROLE_START", "ORG_ABBR", "ACRONYM")
    if len(seg) > 1 and _is_fragment(seg[-1:]) and any(_has(t, *qualifiers) for t in seg):
        return True
    if any(_has(t, *heads) for t in seg):
        return False
    if any("ROLE_START" in t.tags for t in seg):
        return True
    return len(seg) > 1 and _has(seg[-1], "ORG_ABBR", "ACRONYM")


def _next_line(toks: Sequence[Tok], k: int) -> list[Tok]:
    """The tokens of the line starting at ``k``, up to the next line break or hard separator."""
    line: list[Tok] = []
    for t in toks[k:]:
        if "HARD" in t.tags or ("SPACE" in t.tags and "\n" in t.text):
            break
        if "SPACE" not in t.tags:
            line.append(t)
    return line


def _is_name_line(line: Sequence[Tok]) -> bool:
    """Two or three name-shaped words with a first name or an unknown word among them
    ("Derrick Jordan", "Amy Powell Moman"): a line that is one person."""
    if not 2 <= len(line) <= 3:
        return False
    if not all(_NAME_WORD_RE.fullmatch(t.text) and (_is_surname(t) or "GIVEN" in t.tags) for t in line):
        return False
    return any("GIVEN" in t.tags or _is_unknown_word(t) for t in line)


def _lines(toks: Sequence[Tok]) -> list[list[Tok]]:
    """The words of ``toks`` grouped by its line breaks."""
    lines: list[list[Tok]] = [[]]
    for t in toks:
        if "SPACE" in t.tags:
            if "\n" in t.text and lines[-1]:
                lines.append([])
            continue
        lines[-1].append(t)
    return [ln for ln in lines if ln]


def _every_line_a_name(toks: Sequence[Tok]) -> bool:
    """A cell of several lines, each a person's name: several person columns joined by the
    extraction, or a list of people. Every line break then separates owners, even where a
    line ends in a first name ("Derrick Jordan\nTom Tomberlin" is not "Jordan Tom")."""
    lines = _lines(toks)
    return len(lines) >= 2 and all(_is_name_line(ln) for ln in lines)


def _groups(toks: Sequence[Tok]) -> Iterable[list[Tok]]:
    """Split at hard separators: ";", "/", line breaks that do not continue an owner."""
    group: list[Tok] = []
    pending_space = False
    for k, t in enumerate(toks):
        if "SPACE" in t.tags:
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or not group:
                continue
            prev = group[-1]
            pending_space = True
            if "\n" in t.text:
                if not _line_continues(group, t, _next_line(toks, k + 1)):
                    yield group
                    group = []
            elif _has(prev, *_HEADISH, "PH_ORG") and "CAP" in nxt.tags:
                yield group
                group = []
            continue
        if "HARD" in t.tags:
            if group:
                yield group
            group = []
            continue
        group.append(Tok(t.text, t.idx, t.tags, t.space_before or pending_space))
        pending_space = False
    if group:
        yield group


# --------------------------------------------------------------------------------------
# spaCy packaging: components, build, load.

_REGISTERED = False


def _import_spacy() -> Any:
    """``import spacy`` without its command-line package.

    ``spacy/__init__`` imports ``spacy.cli`` for one function (``spacy.info``), and with it
    typer, weasel, requests and httpx: about 0.3 s of a 0.8 s import, spent on every
    ``planparse parse``. Stand-ins for ``spacy.cli`` and ``spacy.cli.info`` are put in
    ``sys.modules`` for the import and removed after it, so a later ``import spacy.cli``
    gets the real package and ``spacy.info`` still works (it imports the real one when
    called). If a spaCy version needs more of ``spacy.cli`` at import, the plain import runs.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    if "spacy.cli" in sys.modules:
        import spacy

        return spacy

    def info(*args: Any, **kwargs: Any) -> Any:
        return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info_module = types.ModuleType("spacy.cli.info")
    info_module.info = info  # type: ignore[attr-defined]
    cli.info = info_module  # type: ignore[attr-defined]
    stubs = {"spacy.cli": cli, "spacy.cli.info": info_module}
    sys.modules.update(stubs)
    try:
        import spacy
    except (ImportError, AttributeError):
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name, module in stubs.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")
    return spacy


def _register() -> None:
    """Register the components and extensions with spaCy (imports spaCy)."""
    global _REGISTERED
    if _REGISTERED:
        return
    _import_spacy()
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.util import registry

    @registry.tokenizers("planparse.empty_tokenizer.v1")
    def _empty_tokenizer() -> Any:
        # Loading the saved pipeline first builds the language's default tokenizer (all
        # of English's exceptions, a quarter of a second) only to replace it from disk.
        # This factory starts empty; ``from_disk`` then restores the saved one in full.
        def create(nlp: Any) -> Any:
            from spacy.tokenizer import Tokenizer

            return Tokenizer(nlp.vocab)

        return create

    if not Token.has_extension("owner_tags"):
        Token.set_extension("owner_tags", default=frozenset())
    if not Doc.has_extension("owners"):
        Doc.set_extension("owners", default=None)

    class OwnerTagger:
        """Marks each token with what the lexicons and the entity ruler know about it."""

        def __init__(self, lexicon: Lexicon | None = None) -> None:
            self.lexicon = lexicon or Lexicon()

        def __call__(self, doc: Any) -> Any:
            for tok in doc:
                tok._.owner_tags = frozenset(self.lexicon.tags(tok.text))
            for ent in doc.ents:
                label = ent.label_
                for tok in ent:
                    tags = set(tok._.owner_tags)
                    if label == "TITLE":
                        tags.add("TITLE")
                    elif label == "PLACE":
                        tags.add("PLACE")
                    else:
                        tags.add(f"PH_{label}")
                        if label == "ORG":
                            tags -= {"ROLE_HEAD", "ROLE_START", "GIVEN"}
                        elif label == "ROLE":
                            tags -= {"ORG_HEAD", "SECTOR", "INST"}
                        tags.discard("GIVEN")
                    tok._.owner_tags = frozenset(tags)
                last = ent[-1]
                if label == "ORG":
                    last._.owner_tags = last._.owner_tags | {"ORG_HEAD"}
                elif label == "ROLE":
                    last._.owner_tags = last._.owner_tags | {"ROLE_HEAD"}
            return doc

        def to_disk(self, path: Path, exclude: Iterable[str] = ()) -> None:
            path = Path(path)
            path.mkdir(parents=True, exist_ok=True)
            (path / "lexicon.json").write_text(self.lexicon.to_json(), encoding="utf-8")

        def from_disk(self, path: Path, exclude: Iterable[str] = ()) -> OwnerTagger:
            self.lexicon = Lexicon.from_json((Path(path) / "lexicon.json").read_text("utf-8"))
            return self

    class OwnerSplitter:
        """Reads the tagged tokens and writes ``doc._.owners`` as (name, role, organisation)."""

        def __call__(self, doc: Any) -> Any:
            toks = []
            for tok in doc:
                before = tok.i > 0 and bool(doc[tok.i - 1].whitespace_)
                toks.append(Tok(tok.text, tok.idx, tok._.owner_tags, before))
            doc._.owners = split_tokens(doc.text, toks)
            return doc

    @Language.factory("planparse_owner_tagger")
    def make_tagger(nlp: Any, name: str) -> OwnerTagger:
        return OwnerTagger()

    @Language.factory("planparse_owner_splitter")
    def make_splitter(nlp: Any, name: str) -> OwnerSplitter:
        return OwnerSplitter()

    _REGISTERED = True


def build_pipeline(src: Path | None = None) -> Any:
    """Build the owner pipeline from the lexicon sources (``models/owners_src``)."""
    _register()
    import spacy
    from spacy.util import compile_infix_regex

    lexicon = Lexicon.from_sources(src or source_dir())
    nlp = spacy.blank("en")
    # Keep hyphenated words whole ("Co-ordinator", "Okonjo-Bright", "Sub-Group").
    infixes = [p for p in nlp.Defaults.infixes or () if isinstance(p, str) and "—" not in p]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # Of English's ~2,700 tokenizer exceptions, owner cells need only the abbreviations with
    # a full stop ("Dr.", "Mr.", "St."); contractions and emoticons only slow loading.
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if "." in k and any(c.isalpha() for c in k)}
    # A title with a full stop is one token ("Insp.", "Supt.", "Ch."), as spaCy already
    # does for "Dr." and "Mr.", so the name after it is read with its title.
    title_words = {w for title in lexicon.titles for w in title.split()}
    for w in sorted(title_words):
        if w.isalpha() and len(w) > 1:
            tokenizer.add_special_case(f"{w}.", [{"ORTH": f"{w}."}])
    ruler = nlp.add_pipe("entity_ruler")
    patterns: list[dict[str, Any]] = []

    def words(phrase: str) -> list[str]:
        return [t.text for t in nlp.make_doc(phrase)]

    def wrapped(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # A phrase wrapped over two lines of a narrow PDF column ("Business\nPartners").
        out: list[dict[str, Any]] = []
        for k, tok in enumerate(pattern):
            if k:
                out.append({"IS_SPACE": True, "OP": "?"})
            out.append(tok)
        return out

    pattern: list[dict[str, Any]]
    for title in sorted(lexicon.titles):
        if " " in title:
            pattern = [{"ORTH": {"IN": [w, f"{w}."]}} for w in words(title)]
            patterns.append({"label": "TITLE", "pattern": wrapped(pattern)})
    for place in sorted(lexicon.places):
        if " " in place:
            pattern = [{"ORTH": w} for w in words(place)]
            patterns.append({"label": "PLACE", "pattern": wrapped(pattern)})
    for phrase, label in lexicon.phrases:
        toks = words(phrase)
        pattern = [{"LOWER": w.lower()} for w in toks]
        patterns.append({"label": label, "pattern": wrapped(pattern)})
        if "'s" in phrase:
            curly = [{"LOWER": w.lower().replace("'", "’")} for w in toks]
            patterns.append({"label": label, "pattern": wrapped(curly)})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    tagger = nlp.add_pipe("planparse_owner_tagger")
    tagger.lexicon = lexicon  # type: ignore[attr-defined]
    nlp.add_pipe("planparse_owner_splitter")
    return nlp


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """The owner pipeline, loaded once: from ``model_dir()``, else built from the sources."""
    _register()
    import spacy

    path = model_dir()
    if (path / "config.cfg").exists():
        return spacy.load(path, config={"nlp": {"tokenizer": {"@tokenizers": "planparse.empty_tokenizer.v1"}}})
    if source_dir().exists():
        return build_pipeline(source_dir())
    raise FileNotFoundError(
        f"owner model not found: neither {path} nor {source_dir()} exists; "
        "set PLANPARSE_MODELS or run tools/build_owner_model.py"
    )


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    lexicon: Lexicon = load_pipeline().get_pipe("planparse_owner_tagger").lexicon
    return lexicon


@lru_cache(maxsize=1)
def _lexicon_stop_cells() -> frozenset[str]:
    nlp = load_pipeline()
    return frozenset(s.lower() for s in nlp.get_pipe("planparse_owner_tagger").lexicon.stop_cells)
