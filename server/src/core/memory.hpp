#pragma once
// The process's heap, as the operating system sees it.

namespace portal {

// Hands the heap's free pages back to the operating system (glibc keeps freed memory in per-thread
// arenas, so the next large job on another thread would otherwise add to the resident size).
// Called after a job that allocates a lot at once, such as a sync of a hundred thousand keys.
void ReturnFreedMemory();

}  // namespace portal
