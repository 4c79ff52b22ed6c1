"""Fault injection for the publish step, switched on by one documented environment variable.

``VKC_FAULT=<step>`` raises :class:`InjectedFault` when `vkc build` enters that step;
``VKC_FAULT=<step>:kill`` sends the process SIGKILL there instead. Steps are the names of
the build's timed steps (:data:`STEPS`). Why an environment variable: the fault tests run
`vkc build` as a child process, exactly as an editor or CI runs it, with no code patched.
Unset (always, outside tests) it costs one dictionary lookup per step.
"""

from __future__ import annotations

import os
import signal

ENV = "VKC_FAULT"
STEPS = ("load", "downloads", "generate", "mkdocs", "assemble", "cards", "search", "check", "swap")
"""The steps of `vkc build`, in order (vkc.publish.build.STEPS, which a test holds equal); the swap is the publish itself."""


class InjectedFault(RuntimeError):
    """The failure asked for by ``VKC_FAULT``."""


def fault_point(step: str) -> None:
    """Fail here if ``VKC_FAULT`` names ``step``."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    name, _, action = spec.partition(":")
    if name != step:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    raise InjectedFault(f"fault injected at step '{step}' ({ENV}={spec})")
