using System.Runtime.CompilerServices;

// Every native signature in this assembly is blittable: no marshalling stubs, no hidden allocations per call.
[assembly: DisableRuntimeMarshalling]
