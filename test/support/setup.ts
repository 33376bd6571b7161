import { lowerPasswordCostForTests } from '../../src/modules/identity/passwords.js';

/*
 * Run before every test file (vitest.config.ts, `setupFiles`), in every worker.
 *
 * New passwords are hashed at a low scrypt cost (src/modules/identity/passwords.ts): the suite adds
 * users and signs in thousands of times, and at the service's cost each one was 150 ms of scrypt on
 * a core the other worker needed. What is tested is unchanged: the cost is stored with each hash and
 * read back from it, so hashing and checking take the same path at any cost (passwords.test.ts
 * checks the service's own cost). The demo users of the run's template are hashed the same way
 * (global-setup.ts).
 */
lowerPasswordCostForTests();
