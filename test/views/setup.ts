// Setup for the 'views' Vitest project (happy-dom): jest-dom matchers on `expect`,
// and an unmounted DOM after every test.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
