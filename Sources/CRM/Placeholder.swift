public enum CRMPlaceholder {}
