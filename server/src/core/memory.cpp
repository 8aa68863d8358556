#include "core/memory.hpp"

#include <malloc.h>

namespace portal {

void ReturnFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace portal
