import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The server serves dist/ at `/` and answers every unknown non-API GET with index.html, so the
 * client-side routes (/network, /persons/…) deep-link. Assets therefore use the absolute base `/`:
 * a relative base would break on nested routes such as /treatment/mdt.
 * ECharts and antd are the two heavy libraries; they get their own chunks so the login page
 * does not wait for ECharts (which only the network page loads, lazily).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Highest priority first: a group also takes its modules' dependencies, so React must be
            // claimed before antd and ECharts (which import it) pull it into their own chunks.
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/, priority: 20 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});
