"""Output control: nothing is written for publication without passing the gate.

Modules, in the order a cube goes through them (methods-anchors §4; indicators.md §7):

* :mod:`.rules` — :class:`DisclosureRules`, the configurable rule set with CBS RA defaults;
* :mod:`.primary` — rules each figure must pass on its own evidence;
* :mod:`.secondary` — no withheld figure recoverable by differencing;
* :mod:`.gate` — :func:`apply_output_control` and :func:`write_publication`;
* :mod:`.check` — :func:`check_output_dir` and :func:`check_main` (``kansenmonitor check DIR``);
* :mod:`.keys` — no linking keys in output; :mod:`.layout` — files of an output directory.
"""

from kansenmonitor.disclosure.check import check_main, check_output_dir
from kansenmonitor.disclosure.gate import (
           OutputControlError,
           apply_output_control,
           write_publication,
)
from kansenmonitor.disclosure.rules import DisclosureRules, Hierarchy

__all__ = ["DisclosureRules", "Hierarchy", "OutputControlError", "apply_output_control",
           "check_main", "check_output_dir", "write_publication"]
