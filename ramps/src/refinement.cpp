#include <cmath>

#include <faultline/ramps/refinement.hpp>

namespace faultline::ramps {

refinement::refinement(double pass_level, double fail_level, refinement_config config)
    : pass_(pass_level), fail_(fail_level), config_(config) {
    if (config_.repeats == 0)
        config_.repeats = 1;
    if (config_.repeats % 2 == 0)
        ++config_.repeats;  // a majority needs an odd number of votes
}

bool refinement::converged() const {
    if (config_.integer_levels && fail_ - pass_ <= 1.0)
        return true;
    return pass_ > 0 && (fail_ - pass_) / pass_ <= config_.tolerance;
}

double refinement::midpoint() const {
    const double middle = (pass_ + fail_) / 2;
    return config_.integer_levels ? std::floor(middle) : middle;
}

std::optional<double> refinement::next() const {
    if (converged() || probes_ >= config_.max_probes)
        return std::nullopt;
    const double level = midpoint();
    if (level <= pass_ || level >= fail_)
        return std::nullopt;
    return level;
}

void refinement::record(bool passed) {
    const auto level = next();
    if (!level)
        return;
    ++probes_;
    (passed ? votes_pass_ : votes_fail_) += 1;
    const unsigned majority = config_.repeats / 2 + 1;
    if (votes_pass_ >= majority)
        pass_ = *level;
    else if (votes_fail_ >= majority)
        fail_ = *level;
    else
        return;  // undecided: probe the same level again
    votes_pass_ = votes_fail_ = 0;
}

}  // namespace faultline::ramps
