"""The renderer-neutral document: what each page and edition says, in which language and state.

Built once per build from the validated content (:mod:`.pages`, :mod:`.editions`); the site, the
editions and the status page only mark it up."""
