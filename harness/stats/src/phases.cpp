#include <faultline/stats/phases.hpp>

namespace faultline::stats {

std::string_view to_string(phase p) noexcept {
    switch (p) {
        case phase::dns:
            return "dns";
        case phase::connect:
            return "connect";
        case phase::tls:
            return "tls";
        case phase::ttfb:
            return "ttfb";
        case phase::receive:
            return "receive";
        case phase::total:
            return "total";
    }
    return "?";
}

void phase_histograms::record(const request_phases& r) noexcept {
    for (const auto p : all_phases) {
        if (r.has(p))
            of[static_cast<std::size_t>(p)].record(r.took(p));
    }
}

void phase_histograms::merge(const phase_histograms& other) noexcept {
    for (std::size_t i = 0; i < phase_count; ++i)
        of[i].merge(other.of[i]);
}

void phase_histograms::reset() noexcept {
    for (auto& h : of)
        h.reset();
}

void merge_phases(std::unique_ptr<phase_histograms>& into,
                  const std::unique_ptr<phase_histograms>& from) {
    if (!from)
        return;
    if (!into)
        into = std::make_unique<phase_histograms>();
    into->merge(*from);
}

}  // namespace faultline::stats
