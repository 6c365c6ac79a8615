"""One writer per output grammar.

Every string adopt writes or prints that came from AWS or from a file reaches
its output through exactly one of these: HCL (:mod:`.hcl`), Markdown
(:mod:`.markdown`), shell (:mod:`.shell`), DOT and Mermaid (:mod:`.diagram`)
and the terminal (:mod:`.terminal`).  Each escapes for its own grammar, so no
value can end a string, a comment, a table cell or a label and add something
of its own.
"""
