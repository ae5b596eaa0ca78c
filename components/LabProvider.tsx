'use client';
// Page-wide lab state: the browser session (token → cookie + CSRF) and the doctor report (mode, tools).
// Lives in the root layout, so it survives client navigation between lessons.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { DoctorReport } from '@/lib/api/contract';
import { ensureSession, type SessionState } from '@/lib/client/session';
import { api } from '@/lib/client/api';

export interface LabState {
  session: SessionState;
  doctor: DoctorReport | null;
  doctorError: string | null;
  doctorBusy: boolean;
  refreshDoctor(recheck?: boolean): Promise<void>;
  setMode(mode: 'live' | 'sim' | 'auto'): Promise<void>;
}

const LabContext = createContext<LabState | null>(null);

export function LabProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'pending' });
  const [doctor, setDoctor] = useState<DoctorReport | null>(null);
  const [doctorError, setDoctorError] = useState<string | null>(null);
  const [doctorBusy, setDoctorBusy] = useState(false);

  const refreshDoctor = useCallback(async (recheck = false) => {
    setDoctorBusy(true);
    try {
      setDoctor(recheck ? await api.recheck() : await api.doctor());
      setDoctorError(null);
    } catch (e) {
      setDoctorError((e as Error).message);
    } finally {
      setDoctorBusy(false);
    }
  }, []);

  const setMode = useCallback(
    async (mode: 'live' | 'sim' | 'auto') => {
      setDoctorBusy(true);
      try {
        await api.setMode(mode);
        setDoctorError(null);
      } catch (e) {
        setDoctorError((e as Error).message);
      } finally {
        setDoctorBusy(false);
      }
      await refreshDoctor();
    },
    [refreshDoctor],
  );

  useEffect(() => {
    let live = true;
    void ensureSession().then((s) => {
      if (!live) return;
      setSession(s);
      if (s.status === 'ok') void refreshDoctor();
    });
    return () => {
      live = false;
    };
  }, [refreshDoctor]);

  return (
    <LabContext.Provider value={{ session, doctor, doctorError, doctorBusy, refreshDoctor, setMode }}>{children}</LabContext.Provider>
  );
}

export function useLab(): LabState {
  const v = useContext(LabContext);
  if (!v) throw new Error('useLab() outside <LabProvider>');
  return v;
}
