"""Reading and writing files, the same way everywhere: the one path from a YAML file to
validated objects (:mod:`.yamldata`), whole-or-nothing writes (:mod:`.atomic`) and the one MyST
scanner (:mod:`.myst`)."""
