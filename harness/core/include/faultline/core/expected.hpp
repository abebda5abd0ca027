#pragma once
/// faultline::expected is tl::expected today; a move to std::expected is a rename here.
#include <tl/expected.hpp>

namespace faultline {
template <class T, class E>
using expected = tl::expected<T, E>;
using tl::unexpected;
template <class E>
auto make_unexpected(E&& e) {
    return tl::make_unexpected(std::forward<E>(e));
}
}  // namespace faultline
