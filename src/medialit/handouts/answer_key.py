"""The answer key of each exercise set (instructors only): placeholder until written."""


def answer_key_handouts(masters, exercises, foot):
    raise NotImplementedError
