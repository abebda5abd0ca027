#include <condition_variable>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <faultline/faults/leased_toxics.hpp>
#include <faultline/proxy_api/api_client.hpp>

namespace faultline::faults {
namespace {

using json = nlohmann::json;

std::int64_t millis(nanoseconds d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

class leased_toxic_effect final : public fault_effect {
public:
    leased_toxic_effect(proxy_api_target target, std::vector<proxies::toxic_request> toxics,
                        nanoseconds lease)
        : target_(std::move(target)),
          client_(target_.base_url, target_.token, std::chrono::seconds(2)),
          toxics_(std::move(toxics)),
          lease_(lease) {}

    ~leased_toxic_effect() override { stop_renewing(); }

    expected<void, std::string> apply() override {
        for (const auto& t : toxics_) {
            json body{{"name", t.name},
                      {"type", t.type},
                      {"stream", t.stream},
                      {"toxicity", t.toxicity.value_or(1.0)},
                      {"attributes", json::object()},
                      {"expires_in", millis(lease_)}};
            for (const auto& [key, value] : t.attributes)
                body["attributes"][key] = value;
            auto answer = client_.post(toxics_path(), body.dump());
            if (!answer || answer->status != 200) {
                (void)remove_added();
                return make_unexpected("proxy " + target_.proxy + " at " + target_.base_url +
                                       ", toxic " + t.name + ": " +
                                       (answer ? std::to_string(answer->status) + " " + answer->body
                                               : answer.error()));
            }
            ++added_;
        }
        renewer_ = std::thread([this] { renew(); });
        return {};
    }

    expected<void, std::string> remove(bool) noexcept override {
        stop_renewing();
        try {
            last_ = read_counts();
        } catch (const std::exception&) {
            // the counts are lost; the toxics must still go
        }
        try {
            return remove_added();
        } catch (const std::exception& e) {
            return make_unexpected(std::string(e.what()) + " (its lease ends it anyway)");
        }
    }

    touch_counts touched() const override {
        if (added_ == 0)
            return last_;
        try {
            return read_counts();
        } catch (const std::exception&) {
            return last_;
        }
    }

private:
    std::string toxics_path() const {
        return "/proxies/" + proxy_api::escape_path_segment(target_.proxy) + "/toxics";
    }
    std::string toxic_path(const std::string& name) const {
        return toxics_path() + "/" + proxy_api::escape_path_segment(name);
    }

    // Every third of the lease, a new lease from now for each toxic.
    void renew() {
        std::unique_lock lock(mutex_);
        while (!stop_) {
            if (wake_.wait_for(lock, lease_ / 3, [this] { return stop_; }))
                break;
            lock.unlock();
            for (std::size_t i = 0; i < added_; ++i) {
                auto answer = client_.patch(toxic_path(toxics_[i].name),
                                            json{{"expires_in", millis(lease_)}}.dump());
                if (!answer || answer->status != 200)
                    spdlog::warn("proxy {}: renewing the lease of toxic {} failed: {}",
                                 target_.proxy, toxics_[i].name,
                                 answer ? answer->body : answer.error());
            }
            lock.lock();
        }
    }

    void stop_renewing() noexcept {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        if (renewer_.joinable())
            renewer_.join();
    }

    touch_counts read_counts() const {
        std::uint64_t connections = 0, pieces = 0, bytes = 0, actions = 0;
        for (std::size_t i = 0; i < added_; ++i) {
            auto answer = client_.get(toxic_path(toxics_[i].name));
            if (!answer || answer->status != 200)
                continue;
            const auto counters =
                json::parse(answer->body, nullptr, false).value("counters", json());
            if (!counters.is_object())
                continue;
            connections += counters.value("connections", std::uint64_t{0});
            pieces += counters.value("pieces", std::uint64_t{0});
            bytes += counters.value("bytes", std::uint64_t{0});
            actions += counters.value("actions", std::uint64_t{0});
        }
        return {{"connections", connections},
                {"pieces", pieces},
                {"bytes", bytes},
                {"actions", actions}};
    }

    expected<void, std::string> remove_added() {
        std::string first_error;
        for (std::size_t i = 0; i < added_; ++i) {
            auto answer = client_.remove(toxic_path(toxics_[i].name));
            if ((!answer || (answer->status != 204 && answer->status != 404)) &&
                first_error.empty())
                first_error = "proxy " + target_.proxy + ", toxic " + toxics_[i].name + ": " +
                              (answer ? answer->body : answer.error()) +
                              " (its lease ends it anyway)";
        }
        added_ = 0;
        if (!first_error.empty())
            return make_unexpected(first_error);
        return {};
    }

    proxy_api_target target_;
    proxy_api::api_client client_;
    std::vector<proxies::toxic_request> toxics_;
    nanoseconds lease_;
    std::size_t added_ = 0;
    touch_counts last_{{"connections", 0}, {"pieces", 0}, {"bytes", 0}, {"actions", 0}};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread renewer_;
};

}  // namespace

std::unique_ptr<fault_effect> make_leased_toxic_effect(proxy_api_target target,
                                                       std::vector<proxies::toxic_request> toxics,
                                                       nanoseconds lease) {
    return std::make_unique<leased_toxic_effect>(std::move(target), std::move(toxics), lease);
}

}  // namespace faultline::faults
