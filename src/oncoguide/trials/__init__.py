"""Trials: ClinicalTrials.gov records matched to a patient profile, criterion by criterion."""
