// Integration tests wait for real timers (the shortened OTP windows) and real processes.
jest.setTimeout(120_000);
