import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BranchesOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  HeartOutlined,
  IdcardOutlined,
  KeyOutlined,
  LineChartOutlined,
  MedicineBoxOutlined,
  MergeCellsOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { NavKey } from './nav.ts';

export const NAV_ICONS: Readonly<Record<NavKey, ReactNode>> = {
  persons: <IdcardOutlined />,
  mpi: <MergeCellsOutlined />,
  registry: <FileSearchOutlined />,
  screening: <AlertOutlined />,
  treatment: <MedicineBoxOutlined />,
  'treatment-mdt': <UsergroupAddOutlined />,
  'treatment-pathways': <NodeIndexOutlined />,
  'treatment-referral': <SwapOutlined />,
  followup: <HeartOutlined />,
  cockpit: <DashboardOutlined />,
  statistics: <LineChartOutlined />,
  admin: <SettingOutlined />,
  network: <ApartmentOutlined />,
  users: <TeamOutlined />,
  tokens: <KeyOutlined />,
  audit: <AuditOutlined />,
};

export { BranchesOutlined as BrandIcon, SafetyCertificateOutlined as ScopeIcon };
