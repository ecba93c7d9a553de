public enum RamguardKitPlaceholder {}
