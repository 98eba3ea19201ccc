// Prints a plain "N passed, N failed, N skipped" closing line, and fails the run when
// KPILENS_FAIL_ON_SKIP=1 (set by CI) and any test was skipped: a skip there means a missing service.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failOnSkip = process.env.KPILENS_FAIL_ON_SKIP === '1';
    if (failOnSkip && skipped > 0) {
      const names = [];
      for (const file of results.testResults) {
        for (const t of file.testResults)
          if (t.status === 'pending' || t.status === 'todo') names.push(t.fullName);
      }
      process.stderr.write(
        `KPILENS_FAIL_ON_SKIP=1 and ${skipped} test(s) skipped:\n  ${names.join('\n  ')}\n`,
      );
      results.success = false;
      results.numFailedTests += skipped;
      process.exitCode = 1;
    }
    process.stdout.write(
      `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
