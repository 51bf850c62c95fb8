-- Who the DX division can name as a session's facilitator (運営者), for the session editor's
-- picker: staff with the facilitator or dx_admin role who have not left, by kana. dx_admin only
-- (DXP070, private.require_dx_admin); anon may not execute the wrapper at all (42501).
-- save_session itself accepts any employee who has not left (DXP112), so a list that is stale on
-- the device can never name someone the server would refuse.
--
--   public.division_facilitators()  security invoker → private.division_facilitators

create or replace function private.division_facilitators() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  people jsonb;
begin
  perform private.require_dx_admin();
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'employee_id', p.id,
      'employee_number', p.employee_number,
      'full_name', p.full_name,
      'department_code', p.department_code,
      'app_role', p.app_role)
    order by p.full_name_kana collate "C", p.employee_number collate "C"), '[]'::jsonb)
    into people
    from public.profiles as p
    where p.app_role in ('facilitator', 'dx_admin') and p.left_on is null;
  return pg_catalog.jsonb_build_object('facilitators', people);
end
$$;
comment on function private.division_facilitators() is
  '日程の運営者に指定できる職員（ファシリテーターとDX推進課、DX推進課のみ） / Staff who can run a session, for the session editor (DX division only)';

grant execute on function private.division_facilitators() to authenticated, service_role;
revoke execute on function private.division_facilitators() from public, anon;

create or replace function public.division_facilitators() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_facilitators() $$;
comment on function public.division_facilitators() is
  '日程の運営者に指定できる職員（DX推進課のみ） / Staff who can run a session (DX division only)';

revoke execute on function public.division_facilitators() from public, anon;
grant execute on function public.division_facilitators() to authenticated, service_role;
