"""The suite reads planparse's own output with strict models: a field the models do not
declare is an error here, while users reading newer outputs get it ignored."""

import os

os.environ["PLANPARSE_STRICT_MODELS"] = "1"
