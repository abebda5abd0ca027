#include "worker.hpp"

#include <ctime>

#include <spdlog/spdlog.h>

#include <faultline/core/spawn.hpp>

namespace faultline::engine {
namespace {

nanoseconds thread_cpu_time() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::chrono::seconds(ts.tv_sec) + nanoseconds(ts.tv_nsec);
}

std::vector<double> weights_of(const std::vector<workload_entry>& workloads) {
    std::vector<double> weights;
    for (const auto& w : workloads)
        weights.push_back(w.weight);
    return weights;
}

}  // namespace

worker::worker(std::size_t index, const std::vector<workload_entry>& workloads,
               const engine_options& options)
    : guard_(ioc_.get_executor()),
      index_(index),
      workloads_(workloads),
      options_(options),
      max_connections_per_workload_(
          std::max<std::uint32_t>(1, options.max_connections / std::max(1U, options.threads))),
      rng_(options.seed * 1000003ULL + index),
      picker_(weights_of(workloads)),
      arrival_picker_(weights_of(workloads)),
      recorder_(workloads.size()),
      idle_(workloads.size()),
      pooled_(workloads.size()) {
    slot_.workloads.resize(workloads.size());
}

worker::~worker() {
    if (thread_.joinable()) {
        ioc_.stop();
        thread_.join();
    }
}

void worker::start() {
    if (options_.model == core::load_model::open) {
        ++active_;
        core::spawn(ioc_.get_executor(), run_pacer(), "pacer");
    }
    thread_ = std::thread([this] {
        cpu_at_last_snapshot_ = thread_cpu_time();
        try {
            ioc_.run();
        } catch (const std::exception& e) {
            spdlog::error("worker {} stopped by an exception: {}", index_, e.what());
        }
        finished_ = true;
    });
}

void worker::set_level_async(double level) {
    asio::post(ioc_, [this, level] { apply_level(level); });
}

void worker::apply_level(double level) {
    if (stopping_)
        return;
    if (options_.model == core::load_model::open) {
        schedule_.reset(level, clock::now());
        pacer_timer_.cancel();
        return;
    }
    target_users_ = static_cast<std::size_t>(level);
    while (users_.size() < target_users_) {
        auto user = std::make_unique<virtual_user>();
        user->sessions.resize(workloads_.size());
        user->think_timer = std::make_unique<asio::steady_timer>(ioc_);
        users_.push_back(std::move(user));
    }
    for (std::size_t slot = 0; slot < target_users_; ++slot) {
        if (users_[slot]->alive)
            continue;
        users_[slot]->alive = true;
        ++active_;
        core::spawn(ioc_.get_executor(), run_virtual_user(slot), "virtual user");
    }
}

std::shared_ptr<drivers::session> worker::new_session(std::size_t workload) {
    return workloads_[workload].driver->make_session(ioc_.get_executor(), rng_());
}

asio::awaitable<void> worker::run_virtual_user(std::size_t slot) {
    auto& user = *users_[slot];
    while (slot < target_users_ && !stopping_) {
        const std::size_t w = picker_.pick(rng_);
        if (!user.sessions[w])
            user.sessions[w] = new_session(w);
        std::shared_ptr<drivers::session> s = user.sessions[w];
        const auto sent = begin_request(w);
        const stats::outcome result = co_await s->execute();
        end_request(w, *s, result, sent, sent);
        const auto think = workloads_[w].think_time;
        if (think.count() > 0 && !stopping_) {
            user.think_timer->expires_after(think);
            error_code ec;
            co_await user.think_timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
    }
    for (auto& s : user.sessions) {
        if (s)
            s->close();
        s.reset();
    }
    user.alive = false;
    --active_;
}

/*
 * The pacer issues arrivals at base + k / rate. When it wakes late it issues every arrival
 * that is due at once, each with its own intended time, so latency counts the lateness
 * (coordinated omission is corrected, not hidden):
 *
 *   due:    |   |   |   |   |
 *   wakes:  ^       ^^^ (3 due: issued together, latencies measured from their own due times)
 */
asio::awaitable<void> worker::run_pacer() {
    while (!stopping_) {
        if (!schedule_.active()) {
            pacer_timer_.expires_at(clock::time_point::max());
        } else {
            auto now = clock::now();
            auto due = schedule_.next_due();
            if (due <= now) {
                while (schedule_.active() && schedule_.next_due() <= now && !stopping_) {
                    auto intended = schedule_.next_due();
                    schedule_.advance();
                    recorder_.on_schedule_lag(now - intended);
                    dispatch_arrival(intended);
                }
                continue;
            }
            pacer_timer_.expires_at(due);
        }
        error_code ec;
        co_await pacer_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    --active_;
}

void worker::dispatch_arrival(clock::time_point intended) {
    const std::size_t w = arrival_picker_.pick();
    std::shared_ptr<drivers::session> s;
    if (!idle_[w].empty()) {
        s = std::move(idle_[w].back());
        idle_[w].pop_back();
    } else if (pooled_[w].size() < max_connections_per_workload_) {
        s = new_session(w);
        pooled_[w].push_back(s);
    } else {
        recorder_.on_missed(w);
        return;
    }
    ++active_;
    core::spawn(ioc_.get_executor(), serve_arrival(w, std::move(s), intended), "arrival");
}

asio::awaitable<void> worker::serve_arrival(std::size_t w, std::shared_ptr<drivers::session> s,
                                            clock::time_point intended) {
    const auto sent = begin_request(w);
    const stats::outcome result = co_await s->execute();
    end_request(w, *s, result, intended, sent);
    if (!stopping_)
        idle_[w].push_back(std::move(s));
    --active_;
}

clock::time_point worker::begin_request(std::size_t workload) noexcept {
    recorder_.on_sent(workload);
    return clock::now();
}

void worker::end_request(std::size_t workload, const drivers::session& s, stats::outcome result,
                         clock::time_point intended, clock::time_point sent) noexcept {
    const auto end = clock::now();
    recorder_.on_outcome(workload, result, end - intended, end - sent);
    if (const auto* phases = s.phases(); phases != nullptr && result != stats::outcome::cancelled)
        recorder_.on_phases(workload, *phases);
}

void worker::take_snapshot() noexcept {
    recorder_.swap(slot_);
    auto cpu = thread_cpu_time();
    cpu_delta_ = cpu - cpu_at_last_snapshot_;
    cpu_at_last_snapshot_ = cpu;
}

void worker::snapshot_async(std::function<void()> done) {
    if (finished_ || !thread_.joinable()) {  // the thread is gone: read directly
        recorder_.swap(slot_);
        cpu_delta_ = nanoseconds{0};
        done();
        return;
    }
    asio::post(ioc_, [this, done = std::move(done)] {
        take_snapshot();
        done();
    });
}

void worker::stop_async(nanoseconds drain, std::function<void()> done) {
    asio::post(ioc_, [this, drain, done = std::move(done)]() mutable {
        stopping_ = true;
        target_users_ = 0;
        schedule_.reset(0, clock::now());
        pacer_timer_.cancel();
        for (auto& user : users_)
            user->think_timer->cancel();
        core::spawn(ioc_.get_executor(), drain_and_cancel(drain, std::move(done)), "drain");
    });
}

asio::awaitable<void> worker::drain_and_cancel(nanoseconds drain, std::function<void()> done) {
    const auto drain_until = clock::now() + drain;
    co_await wait_idle(drain_until);
    close_all_sessions();  // what is still in flight ends as cancelled
    const auto cancel_until = clock::now() + std::chrono::seconds(2);
    co_await wait_idle(cancel_until);
    if (active_ > 0)
        spdlog::error("worker {}: {} coroutines did not end after cancel", index_, active_);
    done();
    guard_.reset();
}

asio::awaitable<void> worker::wait_idle(clock::time_point until) {
    asio::steady_timer poll(ioc_);
    while (active_ > 0 && clock::now() < until) {
        poll.expires_after(std::chrono::milliseconds(2));
        error_code ec;
        co_await poll.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

void worker::close_all_sessions() noexcept {
    for (auto& user : users_) {
        for (auto& s : user->sessions) {
            if (s)
                s->close();
        }
    }
    for (auto& pool : pooled_) {
        for (auto& s : pool)
            s->close();
    }
}

void worker::join(nanoseconds grace) {
    if (!thread_.joinable())
        return;
    const auto until = clock::now() + grace;
    while (!ioc_.stopped() && clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ioc_.stop();
    thread_.join();
}

}  // namespace faultline::engine
