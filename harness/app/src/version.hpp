#pragma once
namespace faultline::app {
inline constexpr const char* version = "0.1.0";
}
