public enum VODEmulatorPlaceholder {}
