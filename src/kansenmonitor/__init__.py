"""kansenmonitor: the Dutch *Monitor gelijke kansen en evenredige arbeidsmarktpositie
ongeacht migratieachtergrond*.

Pipeline, in the report's order (one sub-package each):
sources -> frame -> indicators -> methods -> disclosure -> publish.
The synthetic register (``synth``) produces CBS-shaped input files for demo, tests and
benchmarks; real CBS Remote Access files go through exactly the same code.
"""

__version__ = "0.1.0"
