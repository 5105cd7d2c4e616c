"""The claims report: test stated claims against the store and show the evidence in one offline HTML file."""

from tacitus.report.build import Report, build_report
from tacitus.report.claims import ClaimsFile, load_claims
from tacitus.report.verdicts import ClaimResult, evaluate

__all__ = ["ClaimResult", "ClaimsFile", "Report", "build_report", "evaluate", "load_claims"]
