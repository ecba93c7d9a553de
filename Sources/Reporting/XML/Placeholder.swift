public enum ReportingPlaceholder {}
