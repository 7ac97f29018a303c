namespace Tango.Store; internal static class Placeholder { }
