namespace Tango.Domain; internal static class Placeholder { }
