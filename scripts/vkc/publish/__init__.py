"""Publishing: the build as named steps, the staging tree and its atomic swap, reuse of unchanged
languages, the checks of the built tree, and the live preview."""
