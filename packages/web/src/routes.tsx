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
const ScreeningCampaignsPage = lazy(() => import('./pages/screening/campaigns-page.tsx'));
const ScreeningCampaignPage = lazy(() => import('./pages/screening/campaign-page.tsx'));
const ScreeningParticipantPage = lazy(() => import('./pages/screening/participant-page.tsx'));
const ScreeningQuestionnairePage = lazy(() => import('./pages/screening/questionnaire-page.tsx'));
const ScreeningWorklistsPage = lazy(() => import('./pages/screening/worklists-page.tsx'));
const ScreeningRemoteReadingPage = lazy(() => import('./pages/screening/remote-reading-page.tsx'));
const ScreeningProgrammesPage = lazy(() => import('./pages/screening/programmes-page.tsx'));
const ScreeningIndicatorsPage = lazy(() => import('./pages/screening/indicators-page.tsx'));

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

/** The page, or 无权访问 without the permission (or, when given, any of `orPermissions`). */
function Guard({ permission, orPermissions = [], children }: { readonly permission: Permission; readonly orPermissions?: readonly Permission[]; readonly children: ReactNode }) {
  const { me } = useSession();
  if (![permission, ...orPermissions].some((p) => me?.permissions.includes(p))) return <ForbiddenPage />;
  return <Suspense fallback={loading}>{children}</Suspense>;
}

/** /screening: the campaigns for screening staff, the indicators for analysts. */
function ScreeningHome() {
  const { me } = useSession();
  if (me?.permissions.includes('screening.read')) return <Navigate to="/screening/campaigns" replace />;
  if (me?.permissions.includes('stats.read')) return <Navigate to="/screening/indicators" replace />;
  return <ForbiddenPage />;
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
        {/* The questionnaire on a phone-sized screen: no side menu. */}
        <Route path="/screening/participants/:participantId/questionnaire" element={<Guard permission="screening.read"><ScreeningQuestionnairePage /></Guard>} />
        <Route element={<AppShell />}>
          <Route index element={<Home />} />
          {/* One route with an optional id: opening a person keeps the page (and its search) mounted. */}
          <Route path="/persons/:personId?" element={<Guard permission="persons.read"><PersonsPage /></Guard>} />
          <Route path="/mpi" element={<Guard permission="mpi.review"><MpiPage /></Guard>} />
          <Route path="/statistics" element={<Guard permission="stats.read"><StatisticsPage /></Guard>} />
          <Route path="/registry" element={<Guard permission="registry.read"><RegistryPage /></Guard>} />
          <Route path="/screening" element={<ScreeningHome />} />
          <Route path="/screening/campaigns" element={<Guard permission="screening.read"><ScreeningCampaignsPage /></Guard>} />
          <Route path="/screening/campaigns/:campaignId" element={<Guard permission="screening.read"><ScreeningCampaignPage /></Guard>} />
          <Route path="/screening/participants/:participantId" element={<Guard permission="screening.read"><ScreeningParticipantPage /></Guard>} />
          <Route path="/screening/worklists" element={<Guard permission="screening.read"><ScreeningWorklistsPage /></Guard>} />
          <Route path="/screening/remote-reading" element={<Guard permission="screening.read"><ScreeningRemoteReadingPage /></Guard>} />
          <Route path="/screening/programmes" element={<Guard permission="screening.read"><ScreeningProgrammesPage /></Guard>} />
          <Route path="/screening/indicators" element={<Guard permission="screening.read" orPermissions={['stats.read']}><ScreeningIndicatorsPage /></Guard>} />
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
