"""Imported by the forkserver only (see blocking_documents): wraps parse in the workers."""

from blocking_documents import install

install()
