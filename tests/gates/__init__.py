"""Helpers of the quality gates (tests/test_gates_*.py): built site, language check, axe, vnu."""
