"""Adjustment for background characteristics and duration methods (report §7.2.2; indicators.md §6).

Stage "methods" of the pipeline (sources → frame → indicators → methods → disclosure →
publish). Everything works on aggregated cell tables, never on person rows
(methods-anchors §1.4, §2.3):

* :mod:`.logit` — logistic regression by IRLS on cell counts, model and sandwich covariance.
* :mod:`.propensity` — pooled propensity model (year in the model), ATT odds weights of
  the reference group, trimming, the saturated (post-stratification) check.
* :mod:`.balance` — balance per year and covariate level (ASMD ≤ 0.05, variance ratio,
  Kish ESS, chi-square test), tables and a love plot.
* :mod:`.adjusted` — weighted, regression-adjusted and doubly robust reference values,
  gaps, share explained, effect sizes, and the cell bootstrap that refits the weights.
* :mod:`.survival` — Kaplan–Meier, Aalen–Johansen (IJ variance) and discrete-time hazard
  regression from grouped exit tables.

Reference values from R ``survival``/``cmprsk``/``survey`` and Meta ``balance`` are kept
with the scripts that made them in ``tests/fixtures/methods/``.
"""
