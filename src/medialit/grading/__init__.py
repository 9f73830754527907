"""Exercises and grading: question keys, scoring, generating exercises, grading a class, the student release.

Uses the analysis modules, never the widgets.
"""
