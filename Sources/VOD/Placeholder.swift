public enum VODPlaceholder {}
