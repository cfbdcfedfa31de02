// See worker_pool.h. One mutex guards the queue and the per-worker "exited"
// flags; Shutdown waits on the same condition variable for workers to exit.
#include "plugins/worker_pool.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace fascia::plugins {

struct WorkerPool::State {
  std::mutex mu;
  std::condition_variable work_cv;  // a task was queued, or stop
  std::condition_variable exit_cv;  // a worker exited
  std::deque<std::function<void()>> queue;
  size_t max_queue = 0;
  bool stop = false;
  std::vector<bool> exited;
};

void WorkerPool::Run(std::shared_ptr<State> state, int index) {
  std::unique_lock<std::mutex> lock(state->mu);
  for (;;) {
    state->work_cv.wait(lock, [&] { return state->stop || !state->queue.empty(); });
    if (state->stop) break;  // queued tasks are dropped: their callers time out
    std::function<void()> task = std::move(state->queue.front());
    state->queue.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // release the captures outside the lock
    lock.lock();
  }
  state->exited[index] = true;
  state->exit_cv.notify_all();
}

WorkerPool::WorkerPool(int threads, size_t max_queue) : state_(std::make_shared<State>()) {
  state_->max_queue = max_queue;
  state_->exited.assign(threads, false);
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) threads_.emplace_back(&WorkerPool::Run, state_, i);
}

WorkerPool::~WorkerPool() { Shutdown(absl::Milliseconds(100)); }

bool WorkerPool::Submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (state_->stop || state_->queue.size() >= state_->max_queue) return false;
    state_->queue.push_back(std::move(task));
  }
  state_->work_cv.notify_one();
  return true;
}

int WorkerPool::Shutdown(absl::Duration grace) {
  if (shut_down_) return 0;
  shut_down_ = true;
  std::unique_lock<std::mutex> lock(state_->mu);
  state_->stop = true;
  state_->queue.clear();
  state_->work_cv.notify_all();
  const auto deadline = std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(grace);
  state_->exit_cv.wait_until(lock, deadline, [&] {
    return std::all_of(state_->exited.begin(), state_->exited.end(), [](bool e) { return e; });
  });
  std::vector<bool> exited = state_->exited;
  lock.unlock();
  int detached = 0;
  for (size_t i = 0; i < threads_.size(); ++i) {
    if (exited[i]) {
      threads_[i].join();
    } else {
      threads_[i].detach();  // stuck in a task; it holds its own reference to state_
      ++detached;
    }
  }
  return detached;
}

int ConcurrentPoolSize() {
  const int hw = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(4, 2 * hw);
}

}  // namespace fascia::plugins
