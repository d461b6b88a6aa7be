import type { Permission } from '@onconet/domain/access/roles';
import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { ForbiddenPage } from './pages/forbidden/forbidden-page.tsx';
import { LoginPage } from './pages/login/login-page.tsx';
import { ChangePasswordPage } from './pages/password/change-password-page.tsx';
import { ModuleUnavailable } from './pages/unavailable/module-unavailable.tsx';
import { useSession } from './session/session-context.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { homePath } from './shell/nav.ts';

// Pages with heavy parts load on demand: ECharts only with the network page.
const NetworkPage = lazy(() => import('./pages/network/network-page.tsx'));
const PersonsPage = lazy(() => import('./pages/persons/persons-page.tsx'));
const UsersPage = lazy(() => import('./pages/users/users-page.tsx'));
const TokensPage = lazy(() => import('./pages/tokens/tokens-page.tsx'));
const AuditPage = lazy(() => import('./pages/audit/audit-page.tsx'));
const MpiPage = lazy(() => import('./pages/mpi/mpi-page.tsx'));
const StatisticsPage = lazy(() => import('./pages/statistics/statistics-page.tsx'));
const RegistryPage = lazy(() => import('./pages/registry/registry-page.tsx'));

const loading = (
  <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
    <Spin size="large" />
  </div>
);

/** Signed in, or back to the login page (remembering where the user was going). */
function RequireSession() {
  const { status, me } = useSession();
  const location = useLocation();
  if (status === 'loading') return loading;
  if (status === 'anonymous' || !me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (me.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <Outlet />;
}

function Guard({ permission, children }: { readonly permission: Permission; readonly children: ReactNode }) {
  const { me } = useSession();
  if (!me?.permissions.includes(permission)) return <ForbiddenPage />;
  return <Suspense fallback={loading}>{children}</Suspense>;
}

function Home() {
  const { me } = useSession();
  const path = homePath(me?.permissions ?? []);
  return path ? <Navigate to={path} replace /> : <ForbiddenPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireSession />}>
        <Route path="/password" element={<ChangePasswordPage />} />
        <Route element={<AppShell />}>
          <Route index element={<Home />} />
          {/* One route with an optional id: opening a person keeps the page (and its search) mounted. */}
          <Route path="/persons/:personId?" element={<Guard permission="persons.read"><PersonsPage /></Guard>} />
          <Route path="/mpi" element={<Guard permission="mpi.review"><MpiPage /></Guard>} />
          <Route path="/statistics" element={<Guard permission="stats.read"><StatisticsPage /></Guard>} />
          <Route path="/registry" element={<Guard permission="registry.read"><RegistryPage /></Guard>} />
          <Route path="/screening" element={<Guard permission="persons.read"><ModuleUnavailable module="screening" /></Guard>} />
          <Route path="/treatment/mdt" element={<Guard permission="persons.read"><ModuleUnavailable module="treatmentMdt" /></Guard>} />
          <Route path="/treatment/pathways" element={<Guard permission="persons.read"><ModuleUnavailable module="treatmentPathways" /></Guard>} />
          <Route path="/treatment/referral" element={<Guard permission="persons.read"><ModuleUnavailable module="treatmentReferral" /></Guard>} />
          <Route path="/followup" element={<Guard permission="persons.read"><ModuleUnavailable module="followup" /></Guard>} />
          <Route path="/cockpit" element={<Guard permission="stats.read"><ModuleUnavailable module="cockpit" /></Guard>} />
          <Route path="/network" element={<Guard permission="network.read"><NetworkPage /></Guard>} />
          <Route path="/users" element={<Guard permission="users.read"><UsersPage /></Guard>} />
          <Route path="/tokens" element={<Guard permission="tokens.manage"><TokensPage /></Guard>} />
          <Route path="/audit" element={<Guard permission="audit.read"><AuditPage /></Guard>} />
          <Route path="*" element={<Home />} />
        </Route>
      </Route>
    </Routes>
  );
}
