import Foundation

/// A serial executor (and task executor) that runs every job on one thread of its own, outside Swift's
/// cooperative pool.
///
/// Backends use it for their blocking calls: an actor whose `unownedExecutor` is this executor may make
/// blocking system calls (an `SCard…` call in MynaPCSC, a socket `recv` in MynaVPCD) without starving the
/// cooperative pool. The thread waits on a condition variable when idle — it never
/// sleeps or polls — and ends after ``shutdown()`` once its queue is drained.
package final class DedicatedThreadExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    // `condition` guards `jobs`, `isShutDown` and `thread`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var isShutDown = false
    private weak var thread: Thread?

    /// Starts the thread, named `name` (visible in debuggers and crash reports).
    package init(name: String) {
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        condition.lock()
        self.thread = thread
        condition.unlock()
        thread.start()
    }

    /// Queues a job to run on the thread.
    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// This executor as a serial executor.
    package func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// This executor as a task executor.
    package func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    /// Traps unless called on this executor's thread (the runtime's isolation check).
    package func checkIsolated() {
        condition.lock()
        let isOnThread = thread.map { $0 === Thread.current } ?? false
        condition.unlock()
        precondition(isOnThread, "not on the \(String(describing: thread?.name)) thread")
    }

    /// Lets the thread end once the jobs already queued have run. Enqueue nothing afterwards.
    package func shutdown() {
        condition.lock()
        isShutDown = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        // Every job runs isolated to this serial executor and with it as task executor: a task that prefers
        // this executor then hops to an actor on it (and back) without leaving the thread.
        let serialExecutor = asUnownedSerialExecutor()
        let taskExecutor = asUnownedTaskExecutor()
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !isShutDown { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(isolatedTo: serialExecutor, taskExecutor: taskExecutor) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
