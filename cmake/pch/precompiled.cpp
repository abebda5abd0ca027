// The object that carries the precompiled header (cmake/pch/precompiled.hpp).
