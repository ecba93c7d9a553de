public enum AlibabaCloudPlaceholder {}
