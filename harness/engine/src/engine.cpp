#include <condition_variable>
#include <mutex>
#include <stdexcept>

#include <faultline/engine/engine.hpp>

#include "worker.hpp"

namespace faultline::engine {
namespace {

// Waits until `expected` calls of the returned callback happened.
class countdown {
public:
    explicit countdown(std::size_t expected) : remaining_(expected) {}
    void arrive() {
        std::lock_guard lock(mutex_);
        if (--remaining_ == 0)
            done_.notify_all();
    }
    bool wait_for(nanoseconds timeout) {
        std::unique_lock lock(mutex_);
        return done_.wait_for(lock, timeout, [this] { return remaining_ == 0; });
    }

private:
    std::mutex mutex_;
    std::condition_variable done_;
    std::size_t remaining_;
};

}  // namespace

engine::engine(engine_options options, std::vector<workload_entry> workloads)
    : options_(options), workloads_(std::move(workloads)) {
    if (options_.threads == 0)
        throw std::invalid_argument("engine needs at least one thread");
    if (workloads_.empty())
        throw std::invalid_argument("engine needs at least one workload");
    for (unsigned i = 0; i < options_.threads; ++i) {
        workers_.push_back(std::make_unique<worker>(i, workloads_, options_));
    }
}

engine::~engine() {
    stop(std::chrono::seconds(1));
}

void engine::start() {
    if (started_)
        return;
    started_ = true;
    for (auto& w : workers_)
        w->start();
}

void engine::set_level(double level) {
    const auto n = workers_.size();
    if (options_.model == core::load_model::closed) {
        // Whole virtual users, spread as evenly as possible.
        const auto users = static_cast<std::size_t>(level < 0 ? 0 : level + 0.5);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t share = users / n + (i < users % n ? 1 : 0);
            workers_[i]->set_level_async(static_cast<double>(share));
        }
    } else {
        for (auto& w : workers_)
            w->set_level_async(level / static_cast<double>(n));
    }
}

collect_info engine::collect(stats::interval_snapshot& out) {
    auto all = std::make_shared<countdown>(workers_.size());
    for (auto& w : workers_)
        w->snapshot_async([all] { all->arrive(); });
    if (!all->wait_for(std::chrono::seconds(30))) {
        throw std::runtime_error("a worker thread did not answer within 30 s");
    }
    out.workloads.resize(workloads_.size());
    out.reset();
    collect_info info;
    for (auto& w : workers_) {
        out.merge(w->slot());
        info.worker_cpu += w->cpu_delta();
    }
    return info;
}

void engine::stop(nanoseconds drain_timeout) {
    if (!started_ || stopped_)
        return;
    stopped_ = true;
    auto all = std::make_shared<countdown>(workers_.size());
    for (auto& w : workers_)
        w->stop_async(drain_timeout, [all] { all->arrive(); });
    all->wait_for(drain_timeout + std::chrono::seconds(5));
    for (auto& w : workers_)
        w->join(std::chrono::seconds(2));
}

}  // namespace faultline::engine
