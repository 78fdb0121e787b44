"""MkDocs plugin: ``plugins: [journeydocs]`` (see :mod:`.plugin`; needs ``journeydocs[mkdocs]``)."""
