import { resolve } from 'node:path';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

/** Built into apps/web/dist, which the API serves at `/` (one origin: no CORS). */
export default defineConfig({
  root: __dirname,
  plugins: [react()],
  resolve: {
    alias: {
      '@app/contracts/application': resolve(__dirname, '../../libs/contracts/src/application.ts'),
      '@app/identity/check-digit': resolve(__dirname, '../../libs/identity/src/check-digit.ts'),
      '@app/pki/password-rules': resolve(__dirname, '../../libs/pki/src/pkcs12/password-rules.ts'),
      '@app/pki/pkcs12-format': resolve(__dirname, '../../libs/pki/src/pkcs12/pkcs12-format.ts'),
      '@app/pki/cms-format': resolve(__dirname, '../../libs/pki/src/cms/cms-format.ts'),
    },
  },
  build: { outDir: resolve(__dirname, 'dist'), emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/pki': 'http://127.0.0.1:3000' } },
});
