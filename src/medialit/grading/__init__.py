"""Auto-grading of the kit's exercise sets: read answers, never run what can be read.

The pipeline (``pipeline.py``) is an ordered list of small steps, each in its own module:
collect submissions (``submissions``) → read answer literals (``read_answers``) → run code
exercises in a sandbox (``sandbox``) → score (``score``) → write outputs (``outputs``).
Masters and the student release live in ``master`` and ``release``; open answers in ``manual``;
the Gradescope autograder in ``gradescope``.
"""
