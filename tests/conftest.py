"""The suite reads planparse's own output with strict models: a field the models do not
declare is an error here, while users reading newer outputs get it ignored."""

import os

os.environ["PLANPARSE_STRICT_MODELS"] = "1"

# Workers fork from a forkserver that test-process monkeypatches never reach: it imports
# this module at start, so documents named *.block.* wait in the worker until a test says
# go (tests/blocking_documents.py). Set before any test starts a worker pool.
# The forkserver imports its preload with its own sys.path (from PYTHONPATH, not the test
# process's sys.path), so the tests folder goes there too.
import planparse._pool  # noqa: E402

_TESTS = os.path.dirname(os.path.abspath(__file__))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [_TESTS, os.environ.get("PYTHONPATH")]))
planparse._pool.PRELOAD.append("blocking_documents_preload")
