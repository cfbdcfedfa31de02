// A fixed set of threads fed by one FIFO queue: the cheap hand-off between
// a caller that must be able to give up at a deadline and a plugin call that
// may never return.
//
//   WorkerPool pool(4, 1024);
//   if (!pool.Submit([] { ... })) { /* queue full */ }
//
// Thread-safe. Tasks must not throw. The destructor stops the workers: idle
// ones exit and are joined; a worker still inside a task after `grace` (a
// plugin call that hung) is detached, and Shutdown() says how many, so the
// owner knows the task's resources must stay alive. The shared state a detached
// worker touches is reference-counted, so it outlives the pool.
#ifndef FASCIA_PLUGINS_WORKER_POOL_H_
#define FASCIA_PLUGINS_WORKER_POOL_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/time/time.h"

namespace fascia::plugins {

class WorkerPool {
 public:
  // REQUIRES: threads >= 1.
  WorkerPool(int threads, size_t max_queue);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  // Queues `task`; false (task dropped) when max_queue tasks are waiting.
  bool Submit(std::function<void()> task);

  // Stops the workers: see the file comment. Returns how many were detached
  // because they were still busy after `grace`. Idempotent.
  int Shutdown(absl::Duration grace);

  int size() const { return static_cast<int>(threads_.size()); }

 private:
  struct State;
  static void Run(std::shared_ptr<State> state, int index);

  std::shared_ptr<State> state_;
  std::vector<std::thread> threads_;
  bool shut_down_ = false;
};

// The usual size of a pool for a plugin that may run calls concurrently:
// twice the hardware threads (calls may block), at least 4.
int ConcurrentPoolSize();

}  // namespace fascia::plugins

#endif  // FASCIA_PLUGINS_WORKER_POOL_H_
