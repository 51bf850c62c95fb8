-- Two lookups the DX division's certification page needs (supabase/README.md, "DX division
-- aggregates"): an employee by number, to nominate a leader candidate, and the active
-- certifications, to revoke one. dx_admin only (DXP070, private.require_dx_admin); anon may not
-- execute the wrappers at all (42501).
--
--   public.division_find_employee(employee_number)  security invoker → private.division_find_employee
--   public.division_certified_leaders()             security invoker → private.division_certified_leaders

-- The number is normalised as the staff card is read elsewhere (find_employee): trimmed, upper case.
create or replace function private.division_find_employee(target_employee_number text) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found_person jsonb;
begin
  perform private.require_dx_admin();
  select pg_catalog.jsonb_build_object(
      'employee_id', p.id,
      'employee_number', p.employee_number,
      'full_name', p.full_name,
      'department_code', p.department_code,
      'position_grade_code', p.position_grade_code,
      'leader_candidacy_fy', p.leader_candidacy_fy,
      'certified', exists (
        select 1 from public.certifications as c where c.employee_id = p.id and c.revoked_at is null))
    into found_person
    from public.profiles as p
    where p.employee_number = pg_catalog.upper(pg_catalog.btrim(pg_catalog.left(target_employee_number, 40)));
  return found_person;
end
$$;
comment on function private.division_find_employee(text) is
  '職員番号で職員を探す（リーダー候補の指名用、DX推進課のみ） / Finds an employee by number, for nominating a leader candidate (DX division only)';

-- Newest approval first, so the leader certified last is at the top of the revoking list.
create or replace function private.division_certified_leaders() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  leaders jsonb;
begin
  perform private.require_dx_admin();
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
      'certification_id', c.id,
      'employee_id', p.id,
      'employee_number', p.employee_number,
      'full_name', p.full_name,
      'department_code', p.department_code,
      'fiscal_year', c.fiscal_year,
      'approved_at', c.approved_at)
    order by c.approved_at desc, p.employee_number collate "C"), '[]'::jsonb)
    into leaders
    from public.certifications as c
    join public.profiles as p on p.id = c.employee_id
    where c.revoked_at is null;
  return pg_catalog.jsonb_build_object('leaders', leaders);
end
$$;
comment on function private.division_certified_leaders() is
  '取り消されていない認定の一覧（取消し用、DX推進課のみ） / Active certifications, for revoking (DX division only)';

grant execute on function private.division_find_employee(text) to authenticated, service_role;
grant execute on function private.division_certified_leaders() to authenticated, service_role;
revoke execute on function private.division_find_employee(text) from public, anon;
revoke execute on function private.division_certified_leaders() from public, anon;

create or replace function public.division_find_employee(employee_number text) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_find_employee(employee_number) $$;
comment on function public.division_find_employee(text) is
  '職員番号で職員を探す（リーダー候補の指名用、DX推進課のみ） / Finds an employee by number, for nominating a leader candidate (DX division only)';

create or replace function public.division_certified_leaders() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.division_certified_leaders() $$;
comment on function public.division_certified_leaders() is
  '取り消されていない認定の一覧（取消し用、DX推進課のみ） / Active certifications, for revoking (DX division only)';

revoke execute on function public.division_find_employee(text) from public, anon;
revoke execute on function public.division_certified_leaders() from public, anon;
grant execute on function public.division_find_employee(text) to authenticated, service_role;
grant execute on function public.division_certified_leaders() to authenticated, service_role;
