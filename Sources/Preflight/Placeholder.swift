public enum PreflightPlaceholder {}
