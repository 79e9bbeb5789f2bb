"""The population frame and the breakdowns (report ch. 2): who counts in year t, and in which groups.

Small classification modules (one each: :mod:`.age`, :mod:`.origin`, :mod:`.residence`,
:mod:`.resident`, :mod:`.education`, :mod:`.region`, :mod:`.asylum`,
:mod:`.exclusions`), the breakdown registry and crossing configuration
(:mod:`.breakdowns`), and :func:`build_frame`, which reads the staged sources of one
person bucket and applies them.
"""

from kansenmonitor.frame.build import FrameConfig, build_frame, exclusion_counts, in_population

__all__ = ["FrameConfig", "build_frame", "exclusion_counts", "in_population"]
